import { expect, test, type Page } from "@playwright/test";
import { editorMarkers, editorText, setEditorText, waitForMonaco } from "./editor";

async function signInToNewRender(page: Page, who: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent("/app/new")}`);
  await page.getByLabel("Email address").fill(`e2e-${who}-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === "/app/new");
}

/** Whether keyboard focus is inside the Monaco editor. */
const focusInEditor = (page: Page) => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="spec-editor"]')));

test("the storyboard editor is Monaco: schema completion and hover docs, served offline from our bundle", async ({ page }) => {
  const external: string[] = [];
  page.on("request", (r) => {
    const host = new URL(r.url()).hostname;
    if (!["localhost", "127.0.0.1", "[::1]"].includes(host) && r.url().startsWith("http")) external.push(r.url());
  });
  await signInToNewRender(page, "editor");
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

test("live validation: the validator's issues become squiggles on their lines while typing", async ({ page }) => {
  await signInToNewRender(page, "markers");
  await waitForMonaco(page);
  const original = await editorText(page);
  const badLine = original.split("\n").indexOf("    duration: 5") + 1;
  expect(badLine, "the welcome storyboard has a 5 s scene").toBeGreaterThan(0);
  await setEditorText(page, original.replace("    duration: 5\n", "    duration: -2\n"));
  await expect.poll(() => editorMarkers(page)).toContainEqual(expect.objectContaining({ line: badLine, severity: 8 }));
  await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeAttached();
  // Fixed again: the squiggle goes
  await setEditorText(page, original);
  await expect.poll(() => editorMarkers(page)).toEqual([]);
});

test("the editor says how to leave it with the keyboard, and Esc / Ctrl+M do what it says", async ({ page }) => {
  await signInToNewRender(page, "keys");
  await waitForMonaco(page);
  const hint = page.getByTestId("spec-editor-keys");
  await expect(hint).toBeVisible();
  await expect(hint).toContainText("Esc");
  await expect(hint).toContainText(/Ctrl\+(Shift\+)?M/);
  // Screen readers: the hint describes Monaco's text area
  const textarea = page.locator('[data-testid="spec-editor"] textarea');
  const describedBy = (await textarea.getAttribute("aria-describedby")) ?? "";
  expect(describedBy.split(" ")).toContain(await hint.getAttribute("id"));

  // Tab indents inside the editor…
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Tab");
  expect(await focusInEditor(page)).toBe(true);
  // …Esc leaves it (focus on the hint), Tab goes on to the next control, Shift+Tab twice comes back
  await page.keyboard.press("Escape");
  await expect(hint).toBeFocused();
  await page.keyboard.press("Tab");
  expect(await focusInEditor(page)).toBe(false);
  await expect(page.locator(":focus")).toBeVisible();
  await page.keyboard.press("Shift+Tab");
  await expect.poll(() => focusInEditor(page)).toBe(true);

  // Ctrl+M: Tab moves focus instead of indenting; Ctrl+M again turns Tab back into indenting
  const before = await editorText(page);
  await page.keyboard.press("Control+m");
  await page.keyboard.press("Tab");
  await expect.poll(() => focusInEditor(page)).toBe(false);
  expect(await editorText(page)).toBe(before);
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+m");
  await page.keyboard.press("Tab");
  expect(await focusInEditor(page)).toBe(true);
});
