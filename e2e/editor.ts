import { expect, type Page } from "@playwright/test";

/**
 * The storyboard editor is Monaco (loaded after the page); tests read and replace its text through
 * the model, as a user's paste would, and wait for it to be mounted first.
 */
const MODEL = "file:///storyboard.yaml";

export async function waitForMonaco(page: Page) {
  await expect(page.locator('[data-testid="spec-editor"][data-editor="monaco"]')).toBeVisible({ timeout: 30_000 });
}

export async function editorText(page: Page): Promise<string> {
  return page.evaluate((uri) => window.monaco!.editor.getModels().find((m) => m.uri.toString() === uri)?.getValue() ?? "", MODEL);
}

export async function setEditorText(page: Page, text: string) {
  await page.evaluate(([uri, value]) => window.monaco!.editor.getModels().find((m) => m.uri.toString() === uri)!.setValue(value!), [MODEL, text]);
}

/** The squiggles the validator's issues put in the editor. */
export async function editorMarkers(page: Page): Promise<{ line: number; message: string; severity: number }[]> {
  return page.evaluate(() =>
    window.monaco!.editor.getModelMarkers({ owner: "framecast" }).map((m) => ({ line: m.startLineNumber, message: m.message, severity: m.severity })),
  );
}
