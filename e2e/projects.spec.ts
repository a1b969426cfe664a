import { expect, test } from "@playwright/test";
import { editorText, setEditorText, waitForMonaco } from "./editor";

/** A creator opens the welcome project from the team page, edits and saves it, and renders a free draft of it. */
test("edit, save and render a team project", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`/sign-in?next=${encodeURIComponent("/app/teams")}`);
  await page.getByLabel("Email address").fill(`e2e-project-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((u) => u.pathname === "/app/teams");
  await page.getByTestId("upgrade-button").click();
  await page.waitForURL(/\/app\/teams\/[0-9a-f-]{36}$/);

  await page.getByTestId("project-row").filter({ hasText: "Welcome to Framecast" }).click();
  await page.waitForURL(/\/app\/projects\/[0-9a-f-]{36}$/);
  const projectId = page.url().split("/").pop()!;
  await waitForMonaco(page);
  await expect.poll(() => editorText(page)).toMatch(/^title: Lighthouse at dawn/);
  const save = page.getByTestId("save-project");
  await expect(save).toHaveText("Saved");

  await setEditorText(page, (await editorText(page)).replace("title: Lighthouse at dawn", "title: Lighthouse, edited"));
  await expect(save).toHaveText("Save");
  await save.click();
  await expect(save).toHaveText("Saved");
  const stored = await (await page.request.get(`/v1/projects/${projectId}`)).json();
  expect(stored.spec.title).toBe("Lighthouse, edited");

  // The team has no credits yet: a full render is blocked, the free draft goes
  await expect(page.getByTestId("validation-status")).toHaveAttribute("data-state", "valid");
  await page.getByTestId("option-preview").check();
  await page.getByTestId("submit-render").click();
  await page.waitForURL(/\/app\/jobs\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "completed", { timeout: 90_000 });
  const job = await (await page.request.get(`/v1/jobs/${page.url().split("/").pop()}`)).json();
  expect(job).toMatchObject({ project_id: projectId, is_ephemeral: false, owner: stored.owner });
  const after = await (await page.request.get(`/v1/projects/${projectId}`)).json();
  expect(after.status).toBe("completed");
  await page.screenshot({ path: "e2e/.artifacts/project-rendered.png", fullPage: true });

  // The team page counts it in this month's usage
  await page.goto(`/app/teams/${stored.team_id}`);
  await expect(page.getByTestId("team-usage").getByText("Renders").locator("..")).toContainText("1");
});

/**
 * Projects keep what the author wrote (issue 11 item 6): a YAML comment survives Save and a reload;
 * Ctrl+S saves from inside the editor; leaving with unsaved changes asks first.
 */
test("YAML comments are kept, Ctrl+S saves, and unsaved changes ask before leaving", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`/sign-in?next=${encodeURIComponent("/app/teams")}`);
  await page.getByLabel("Email address").fill(`e2e-project-src-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((u) => u.pathname === "/app/teams");
  await page.getByTestId("upgrade-button").click();
  await page.waitForURL(/\/app\/teams\/[0-9a-f-]{36}$/);
  await page.getByTestId("project-row").filter({ hasText: "Welcome to Framecast" }).click();
  await page.waitForURL(/\/app\/projects\/[0-9a-f-]{36}$/);
  const projectUrl = page.url();
  await waitForMonaco(page);
  await expect.poll(() => editorText(page)).toMatch(/^title: Lighthouse at dawn/);
  const save = page.getByTestId("save-project");

  // Edit with a comment, then Ctrl+S with the focus inside Monaco.
  const commented = `# Keep the opening shot under 5 s — the client asked\n${(await editorText(page)).replace("title: Lighthouse at dawn", "title:   Lighthouse at dawn   # spacing kept")}`;
  await setEditorText(page, commented);
  await expect(save).toHaveText("Save");
  await page.locator(".monaco-editor textarea").first().focus();
  await page.keyboard.press("Control+s");
  await expect(save).toHaveText("Saved");
  const stored = await (await page.request.get(`/v1/projects/${projectUrl.split("/").pop()}`)).json();
  expect(stored).toMatchObject({ spec_source: commented, spec_format: "yaml", spec: { title: "Lighthouse at dawn" } });

  await page.reload();
  await waitForMonaco(page);
  await expect.poll(() => editorText(page)).toBe(commented);
  await expect(save).toHaveText("Saved");
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `e2e/.artifacts/project-source-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // Unsaved changes: following an in-app link asks; "stay" keeps the page and the text.
  await setEditorText(page, `${commented}# not saved yet\n`);
  await expect(save).toHaveText("Save");
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("link", { name: "Renders" }).click();
  await expect.poll(() => asked).toEqual([expect.stringContaining("unsaved changes")]);
  expect(page.url()).toBe(projectUrl);
  expect(await editorText(page)).toContain("# not saved yet");
  // Closing the tab asks too (beforeunload).
  const beforeUnload = new Promise<string>((resolve) => page.once("dialog", (d) => { resolve(d.type()); void d.accept(); }));
  await page.close({ runBeforeUnload: true });
  expect(await beforeUnload).toBe("beforeunload");
});
