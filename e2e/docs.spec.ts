import { expect, test } from "@playwright/test";

/** /docs is the OpenAPI document rendered: every tag has a section and every operation an entry. */
test("the API reference lists every operation of the OpenAPI document", async ({ page, request }) => {
  const doc = await (await request.get("/v1/openapi.json")).json();
  const operations = Object.values(doc.paths as Record<string, Record<string, { summary: string }>>).flatMap((p) => Object.values(p));
  await page.goto("/docs");
  await expect(page.getByRole("heading", { level: 1, name: "Framecast API" })).toBeVisible();
  for (const tag of ["Jobs", "Storyboards", "Assets", "Teams", "Projects", "Account"]) {
    await expect(page.getByRole("heading", { level: 2, name: tag, exact: true })).toBeVisible();
  }
  for (const op of operations) await expect(page.getByText(op.summary, { exact: true }).first()).toBeAttached();
  expect(operations.length).toBeGreaterThan(50);
  await page.screenshot({ path: "e2e/.artifacts/docs.png" });
});
