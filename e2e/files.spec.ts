import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { setEditorText, waitForMonaco } from "./editor";

/** Upload a reference image from the editor, use it in a storyboard, and render a free draft with it. */
test("upload a picture, use it as a symbol's reference image, render a draft", async ({ page }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-files-"));
  const png = path.join(dir, "Keeper Portrait.png");
  execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360", "-frames:v", "1", png]);

  await page.goto(`/sign-in?next=${encodeURIComponent("/app/new")}`);
  await page.getByLabel("Email address").fill(`e2e-files-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === "/app/new");
  await waitForMonaco(page);

  const files = page.getByTestId("files");
  await expect(files.getByText("No files yet")).toBeVisible();
  await page.getByTestId("asset-file").setInputFiles(png);
  await expect(files.getByTestId("asset-row").filter({ hasText: "Keeper Portrait.png" })).toBeVisible({ timeout: 30_000 });
  const listed = await (await page.request.get("/v1/assets?status=ready")).json();
  const asset = listed.data[0] as { id: string; status: string; size_bytes: number };
  expect(asset).toMatchObject({ status: "ready", size_bytes: fs.statSync(png).size });

  await setEditorText(
    page,
    [
      "title: Portrait test",
      "symbols:",
      "  keeper:",
      "    prompt: an old lighthouse keeper",
      "    reference_images:",
      `      - asset_id: ${asset.id}`,
      "scenes:",
      "  - id: portrait",
      "    prompt: \"@keeper looks at the sea\"",
      "    duration: 3",
      "",
    ].join("\n"),
  );
  await expect(page.getByTestId("validation-status")).toHaveAttribute("data-state", "valid");
  await page.getByTestId("option-preview").check();
  await expect(page.getByTestId("estimate-credits")).toHaveText("Free");
  await page.screenshot({ path: "e2e/.artifacts/files-uploaded.png", fullPage: true });
  await page.getByTestId("submit-render").click();
  await expect(page).toHaveURL(/\/app\/jobs\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "completed", { timeout: 120_000 });
  await expect(page.getByTestId("final-video")).toBeVisible();
  await page.screenshot({ path: "e2e/.artifacts/files-rendered.png", fullPage: true });
});
