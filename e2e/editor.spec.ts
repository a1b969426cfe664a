import { expect, test } from "@playwright/test";
import { editorText, setEditorText, waitForMonaco } from "./editor";

test("the storyboard editor is Monaco: schema completion and hover docs, served offline from our bundle", async ({ page }) => {
  const external: string[] = [];
  page.on("request", (r) => {
    const host = new URL(r.url()).hostname;
    if (!["localhost", "127.0.0.1", "[::1]"].includes(host) && r.url().startsWith("http")) external.push(r.url());
  });
  await page.goto(`/sign-in?next=${encodeURIComponent("/app/new")}`);
  await page.getByLabel("Email address").fill(`e2e-editor-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === "/app/new");
  const t0 = Date.now();
  await waitForMonaco(page);
  test.info().annotations.push({ type: "monaco mounted after sign-in redirect (ms)", description: String(Date.now() - t0) });

  // Completion from the storyboard JSON Schema: at the top level, "sc" offers "scenes"
  await setEditorText(page, "title: Completion test\nsc");
  await page.evaluate(() => {
    const ed = window.monaco!.editor.getEditors()[0]!;
    ed.focus();
    ed.setPosition({ lineNumber: 2, column: 3 });
    ed.trigger("test", "editor.action.triggerSuggest", {});
  });
  const suggest = page.locator(".suggest-widget");
  await expect(suggest).toBeVisible();
  await expect(suggest.getByText("scenes", { exact: true })).toBeVisible();
  await page.keyboard.press("Escape");

  // Hover on a key shows the schema's description
  await setEditorText(page, "title: Hover test\nscenes:\n  - id: one\n    prompt: a quiet sea\n    duration: 4\n");
  await page.evaluate(() => {
    const ed = window.monaco!.editor.getEditors()[0]!;
    ed.setPosition({ lineNumber: 5, column: 7 });
    ed.trigger("test", "editor.action.showHover", {});
  });
  await expect(page.locator(".monaco-hover").filter({ hasText: /second/i }).first()).toBeVisible();
  expect(await editorText(page)).toContain("duration: 4");

  // A file dropped onto the editor replaces the text (Monaco itself never sees it)
  const dropped = "title: Dropped\nscenes:\n  - id: dropped\n    prompt: a file dropped in\n    duration: 3\n";
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "dropped.yaml", { type: "application/yaml" }));
    return dt;
  }, dropped);
  const box = page.getByTestId("spec-editor");
  await box.dispatchEvent("dragover", { dataTransfer: transfer });
  await expect(page.getByText("Drop a .yaml, .yml or .json file to load it")).toBeVisible();
  await box.dispatchEvent("drop", { dataTransfer: transfer });
  await expect.poll(() => editorText(page)).toBe(dropped);
  await expect(page.getByText("dropped.yaml")).toBeVisible();
  expect(external, "requests to other hosts").toEqual([]);
});
