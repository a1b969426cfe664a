import { expect, test, type Page } from "@playwright/test";
import { stringify } from "yaml";
import { WELCOME_SPEC } from "../lib/storyboard/welcome";
import { editorText, waitForMonaco } from "./editor";

/** Working from past renders (issue 11 items 3, 5, 7, 12) in the built app, in Chromium. */

const ARTIFACTS = "e2e/.artifacts";
const TITLE = "Lighthouse — café at dawn";

async function signIn(page: Page, next: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email address").fill(`e2e-renders-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === next);
}

async function shoot(page: Page, name: string) {
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${ARTIFACTS}/${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("a finished render: download by title, its story, render again with the cost, edit & re-render", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "/app/jobs");
  const created = await page.request.post("/v1/generate", { data: { spec: stringify({ ...WELCOME_SPEC, title: TITLE }), options: { resolution: "720p" } } });
  expect(created.status()).toBe(201);
  const job = (await created.json()) as { id: string; credits_charged: number };

  await page.goto(`/app/jobs/${job.id}`);
  // While it renders: the ETA and the log fill in; then the outcome.
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "completed", { timeout: 180_000 });
  const log = page.getByTestId("event-log");
  await expect(log).toContainText("Queued");
  await expect(log).toContainText("Started");
  await expect(log).toContainText(/Scene 1 “.+” rendered/);
  await expect(log).toContainText("Stitching");
  await expect(log.getByTestId("event-log-item").last()).toContainText("Completed");
  await expect(log.locator("time").first()).toHaveText(/^\d\d:\d\d:\d\d$/);

  // Download: the store's Content-Disposition names the file after the storyboard.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-video").click()]);
  expect(download.suggestedFilename()).toBe(`${TITLE}.mp4`);
  expect((await download.createReadStream()).readable).toBe(true);
  await shoot(page, "job-completed");

  // The renders list shows the thumbnail.
  await page.goto("/app/jobs");
  const row = page.locator(`[data-testid="job-row"][data-job-id="${job.id}"]`);
  await expect(row.locator("img")).toHaveJSProperty("complete", true);
  await expect(row).toContainText(TITLE);
  await shoot(page, "renders-list");

  // Render again: the cost and a confirmation come first; "Not now" charges nothing.
  await page.goto(`/app/jobs/${job.id}`);
  const balance = async () => ((await (await page.request.get("/v1/account")).json()) as { credits: number }).credits;
  const before = await balance();
  await page.getByTestId("clone-job").click();
  const dialog = page.getByRole("dialog", { name: "Render this again?" });
  await expect(dialog.getByTestId("rerender-cost")).toHaveText(`${job.credits_charged} credits`);
  await expect(dialog.getByTestId("confirm-rerender")).toHaveText(`Render for ${job.credits_charged} credits`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${ARTIFACTS}/render-again-390.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${ARTIFACTS}/render-again-1440.png` });
  await dialog.getByRole("button", { name: "Not now" }).click();
  await expect(dialog).toBeHidden();
  expect(await balance()).toBe(before);
  await page.getByTestId("clone-job").click();
  await dialog.getByTestId("confirm-rerender").click();
  await page.waitForURL((u) => u.pathname.startsWith("/app/jobs/") && !u.pathname.endsWith(job.id));
  const againId = page.url().split("/").pop()!;
  expect(await balance()).toBe(before - job.credits_charged);
  await expect(page.getByTestId("job-eta").or(page.getByTestId("job-status").and(page.locator('[data-status="completed"]')))).toBeVisible({ timeout: 60_000 });
  await page.request.post(`/v1/jobs/${againId}/cancel`);

  // Edit & re-render: the storyboard opens in the editor, and Ctrl+Enter renders it.
  await page.goto(`/app/jobs/${job.id}`);
  await page.getByTestId("edit-rerender").click();
  await page.waitForURL((u) => u.pathname === "/app/new" && u.searchParams.get("from") === job.id);
  await waitForMonaco(page);
  await expect.poll(() => editorText(page)).toContain(`title: ${TITLE}`);
  await shoot(page, "edit-rerender");
  await expect(page.getByTestId("validation-status")).toHaveAttribute("data-state", "valid");
  await expect(page.getByTestId("submit-render")).toBeEnabled({ timeout: 30_000 });
  await page.getByTestId("option-preview").check();
  await expect(page.getByTestId("submit-render")).toBeEnabled({ timeout: 30_000 });
  await page.locator(".monaco-editor textarea").first().focus();
  await page.keyboard.press("Control+Enter");
  await page.waitForURL((u) => /^\/app\/jobs\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(job.id) && !u.pathname.endsWith(againId));
  const edited = await (await page.request.get(`/v1/jobs/${page.url().split("/").pop()}`)).json();
  expect(edited).toMatchObject({ title: TITLE, options: { preview: true } });
});

test("a page for something that does not exist answers 404 with the not-found page", async ({ page }) => {
  await signIn(page, "/app");
  for (const path of ["/app/jobs/not-a-real-id", `/app/jobs/${crypto.randomUUID()}`, "/app/projects/not-a-real-id", `/app/projects/${crypto.randomUUID()}`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "This frame isn't in the storyboard" })).toBeVisible();
  }
  await shoot(page, "not-found");
  // A page that exists still answers 200.
  expect((await page.goto("/app/jobs"))?.status()).toBe(200);
});
