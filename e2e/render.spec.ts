import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { editorMarkers, editorText, setEditorText, waitForMonaco } from "./editor";

/** Full-page screenshots land here (git-ignored). */
const ARTIFACTS = "e2e/.artifacts";
const RENDER_TIMEOUT = 3 * 60_000;
const TERMINAL = new Set(["completed", "failed", "canceled"]);

async function snapshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

async function signIn(page: Page, next: string) {
  const email = `e2e-render-${Date.now()}@example.com`;
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === next);
  return email;
}

/**
 * Records every percent the job page's progress bar shows, sampled in the page itself every
 * 50 ms so nothing is missed while the test does other things (the welcome render is quick).
 */
async function recordPercents(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __percents: number[] };
    w.__percents = [];
    setInterval(() => {
      const raw = document.querySelector("[data-testid=job-progress]")?.getAttribute("data-percent");
      if (raw != null && !w.__percents.includes(Number(raw))) w.__percents.push(Number(raw));
    }, 50);
  });
}

/** Waits until the job stops; returns every percent recorded and the final status. */
async function followProgress(page: Page, onMidway: () => Promise<void>) {
  const status = page.getByTestId("job-status");
  const percents = () => page.evaluate(() => (window as unknown as { __percents: number[] }).__percents);
  const terminal = [...TERMINAL];
  // Waits in the page for the status to be terminal or (with `midway`) a percent between 0 and 100 to be shown.
  const shown = (midway: boolean) =>
    page.waitForFunction(
      ([ends, orMidway]) => {
        const current = document.querySelector("[data-testid=job-status]")?.getAttribute("data-status") ?? "";
        const seen = (window as unknown as { __percents: number[] }).__percents;
        return ends.includes(current) || (orMidway && seen.some((p) => p > 0 && p < 100));
      },
      [terminal, midway] as const,
      { timeout: RENDER_TIMEOUT },
    );
  await shown(true);
  if (!TERMINAL.has((await status.getAttribute("data-status")) ?? "")) await onMidway();
  await shown(false);
  const current = (await status.getAttribute("data-status")) ?? "";
  const seen = [...(await percents())].sort((a, b) => a - b);
  return { seen, status: current, midway: seen.some((p) => p > 0 && p < 100) };
}

test("render the welcome storyboard from the web app", async ({ page }) => {
  test.setTimeout(RENDER_TIMEOUT + 90_000);
  await signIn(page, "/app");

  // Dashboard → New render
  await expect(page.getByText("No renders yet")).toBeVisible();
  await page.getByTestId("new-render").click();
  await expect(page).toHaveURL(/\/app\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "New render" })).toBeVisible();

  // The welcome storyboard is prefilled, valid, and estimated: 9 s, 100 credits at 720p
  await waitForMonaco(page);
  await expect.poll(() => editorText(page)).toMatch(/title: Lighthouse at dawn/);
  const validation = page.getByTestId("validation-status");
  await expect(validation).toHaveAttribute("data-state", "valid");
  await expect(page.getByTestId("estimate-duration")).toHaveText("9 s");
  await expect(page.getByTestId("estimate-credits")).toHaveText("100");
  // …and drawn as it plays: two clips over 9 s
  await expect(page.getByTestId("timeline-preview")).toHaveAttribute("data-clips", "2");
  await expect(page.getByTestId("timeline-preview")).toContainText("9 s");
  const submit = page.getByTestId("submit-render");
  await expect(submit).toBeEnabled();

  // 1080p doubles the cost; the free draft costs nothing
  await page.getByText("1080p", { exact: true }).click();
  await expect(page.getByTestId("estimate-credits")).toHaveText("200");
  await page.getByTestId("option-preview").check();
  await expect(page.getByTestId("estimate-credits")).toHaveText("Free");
  await page.getByTestId("option-preview").uncheck();
  await page.getByText("720p", { exact: true }).click();
  await expect(page.getByTestId("estimate-credits")).toHaveText("100");

  // A broken storyboard: positioned errors, and no rendering
  const original = await editorText(page);
  await setEditorText(page, original.replace("duration: 5\n", "duration: -2\n"));
  await expect(validation).toHaveAttribute("data-state", "invalid");
  await expect(page.getByTestId("spec-error").first()).toContainText(/\d+:\d+/);
  // …drawn in the editor as a squiggle on the offending line
  const badLine = original.split("\n").indexOf("    duration: 5") + 1;
  await expect.poll(() => editorMarkers(page)).toContainEqual(expect.objectContaining({ line: badLine, severity: 8 }));
  await expect(submit).toBeDisabled();
  await snapshot(page, "render-new-invalid");
  await page.getByRole("button", { name: "Reset" }).click();
  await expect.poll(() => editorText(page)).toBe(original);
  await expect(validation).toHaveAttribute("data-state", "valid");
  await expect(submit).toBeEnabled();

  // Uploading a .json file replaces the text; JSON validates too
  await page.getByTestId("spec-file").setInputFiles({
    name: "lighthouse.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(parse(original), null, 2)),
  });
  await expect.poll(() => editorText(page)).toMatch(/^\{\n {2}"title": "Lighthouse at dawn"/);
  await expect(page.getByText("lighthouse.json")).toBeVisible();
  await expect(validation).toHaveAttribute("data-state", "valid");
  await expect(page.getByTestId("estimate-duration")).toHaveText("9 s");
  await page.getByRole("button", { name: "Reset" }).click();
  await expect.poll(() => editorText(page)).toBe(original);
  await expect(validation).toHaveAttribute("data-state", "valid");
  await snapshot(page, "render-new");

  // Render it
  await submit.click();
  await expect(page).toHaveURL(/\/app\/jobs\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const jobId = page.url().split("/").pop()!;
  // (generous: against `next dev` this route may compile on first use)
  await expect(page.getByRole("heading", { level: 1, name: "Lighthouse at dawn" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("job-status")).toBeVisible();
  await recordPercents(page);

  // A Starter renders one video at a time: a second submission explains the 429
  const second = await page.context().newPage();
  await second.goto("/app/new");
  await expect(second.getByTestId("validation-status")).toHaveAttribute("data-state", "valid");
  await second.getByTestId("submit-render").click();
  await expect(second.getByRole("alert").filter({ hasText: "A render is already running" })).toBeVisible();
  await expect(second).toHaveURL(/\/app\/new$/);
  await second.close();

  // The progress bar moves while it renders, then the job completes
  const { seen, status, midway } = await followProgress(page, () => snapshot(page, "render-in-progress"));
  expect(status, `job ended ${status}; percents seen: ${seen.join(", ")}`).toBe("completed");
  expect(seen.length, `percents seen: ${seen.join(", ")}`).toBeGreaterThan(1);
  expect(midway, "a percent between 0 and 100 was shown").toBe(true);

  // The finished video: a presigned src, and it plays for ~9 s
  const video = page.getByTestId("final-video");
  await expect(video).toBeVisible({ timeout: 30_000 });
  expect(await video.getAttribute("src")).toMatch(/^https?:\/\//);
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => (v.readyState >= 1 ? v.duration : 0)), { timeout: 30_000 })
    .toBeGreaterThan(8.5);
  expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeLessThan(9.6);
  // ffprobe on the delivered file: the storyboard's played duration (9 s) ± 0.1, H.264 + AAC
  const file = path.join(ARTIFACTS, "welcome.mp4");
  const body = await (await page.request.get((await video.getAttribute("src"))!)).body();
  fs.writeFileSync(file, body);
  const probed = JSON.parse(
    execFileSync("ffprobe", ["-v", "error", "-show_entries", "format=duration:stream=codec_type,codec_name", "-of", "json", file]).toString(),
  ) as { format: { duration: string }; streams: { codec_type: string; codec_name: string }[] };
  expect(Math.abs(Number(probed.format.duration) - 9)).toBeLessThanOrEqual(0.1);
  expect(probed.streams.map((st) => `${st.codec_type}:${st.codec_name}`).sort()).toEqual(["audio:aac", "video:h264"]);
  // …and its soundtrack is audible (ambient, music and effects; their timing is checked in lib/render/stitch.int.test.ts)
  const detect = spawnSync("ffmpeg", ["-hide_banner", "-i", file, "-af", "volumedetect", "-vn", "-f", "null", "-"]).stderr.toString();
  const meanDb = Number(/mean_volume: (-?[\d.]+) dB/.exec(detect)?.[1]);
  const maxDb = Number(/max_volume: (-?[\d.]+) dB/.exec(detect)?.[1]);
  expect(meanDb, detect).toBeGreaterThan(-40);
  expect(maxDb, detect).toBeGreaterThan(-12);
  await expect(page.getByTestId("output-duration")).toHaveText("9 s");
  await expect(page.getByTestId("credits-charged")).toHaveText("100");
  await expect(page.getByTestId("credits-net")).toHaveText("100");
  await expect(page.getByTestId("scene-preview")).toHaveCount(2);

  // The storyboard that was rendered, as YAML
  await page.getByTestId("spec-snapshot").locator("summary").click();
  await expect(page.getByTestId("spec-snapshot")).toContainText("title: Lighthouse at dawn");
  await snapshot(page, "render-done");

  // After a reload, everything comes from GET /v1/jobs/:id (scene_previews, presigned output)
  await page.reload();
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "completed");
  await expect(page.getByTestId("final-video")).toHaveAttribute("src", /^https?:\/\//);
  await expect(page.getByTestId("scene-preview")).toHaveCount(2);
  await expect(page.getByTestId("delete-job")).toBeVisible();

  // The renders list and the dashboard show it
  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Renders" }).click();
  await expect(page).toHaveURL(/\/app\/jobs$/);
  const row = page.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`);
  await expect(row).toHaveAttribute("data-status", "completed");
  await expect(row).toContainText("Lighthouse at dawn");
  await page.getByTestId("filter-failed").click();
  await expect(page).toHaveURL(/\?status=failed$/);
  await expect(page.getByText("No failed renders")).toBeVisible();
  await page.getByTestId("filter-all").click();
  await expect(row).toBeVisible();
  await snapshot(page, "renders-list");

  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("recent-jobs").locator(`[data-job-id="${jobId}"]`)).toHaveAttribute("data-status", "completed");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await snapshot(page, "dashboard-recent-renders");
});
