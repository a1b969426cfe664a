import { expect, test, type Page } from "@playwright/test";

/** Full-page screenshots land here (git-ignored). */
const ARTIFACTS = "e2e/.artifacts";

async function snapshot(page: Page, name: string) {
  // Scroll to the top first so sticky headers are captured where they belong.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

test("visiting /app signed out redirects to /sign-in", async ({ page }) => {
  await page.goto("/app");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fapp$/);
  await expect(page.getByRole("heading", { name: "Sign in to Framecast" })).toBeVisible();
});

test("sign in locally, create an API key, use it, revoke it", async ({ page, request, context }) => {
  const email = `e2e-${Date.now()}@example.com`;

  // Landing page
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Write the storyboard");
  await expect(page.getByText("lighthouse.yaml")).toBeVisible();
  await snapshot(page, "landing");

  // Sign in (local development mode)
  await page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText("Local development sign-in")).toBeVisible();
  await snapshot(page, "sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();

  // Dashboard shows the account's credit balance
  await expect(page).toHaveURL(/\/app$/);
  const accountRes = await page.request.get("/v1/account"); // shares the browser's session cookie
  expect(accountRes.status()).toBe(200);
  const account = (await accountRes.json()) as { email: string; credits: number };
  expect(account.email).toBe(email);
  const balance = account.credits.toLocaleString("en-US");
  await expect(page.getByTestId("credit-balance")).toContainText(balance);
  await expect(page.getByTestId("dashboard-credits")).toHaveText(balance);
  await expect(page.getByText("No renders yet")).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0); // usage loaded
  await snapshot(page, "dashboard");

  // Settings
  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/app\/settings$/);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(page.getByText("No API keys yet")).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await snapshot(page, "settings");

  // Create a key; the raw key is revealed once
  await page.getByRole("button", { name: "Create key", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Name").fill("e2e key");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog).toBeHidden();

  const rawKeyField = page.getByTestId("raw-key");
  await expect(rawKeyField).toBeVisible();
  const rawKey = await rawKeyField.inputValue();
  expect(rawKey).toMatch(/^sk_live_/);
  await expect(page.getByText("It won't be shown again")).toBeVisible();

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();

  const row = page.getByTestId("api-key-row").filter({ hasText: "e2e key" });
  await expect(row).toContainText("Active");
  await expect(row).toContainText(rawKey.slice(0, 16));
  await snapshot(page, "settings-new-key");

  // The key authenticates API calls (no cookies on the `request` fixture)
  const ok = await request.get("/v1/account", { headers: { Authorization: `Bearer ${rawKey}` } });
  expect(ok.status()).toBe(200);
  expect(((await ok.json()) as { email: string }).email).toBe(email);

  // Dismissing the reveal hides the raw key for good
  await page.getByRole("button", { name: "Done" }).click();
  await expect(rawKeyField).toHaveCount(0);

  // Revoke it in the UI
  await row.getByRole("button", { name: "Revoke e2e key" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke API key?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Revoked");
  await snapshot(page, "settings-revoked");

  // …and the API now refuses it
  const denied = await request.get("/v1/account", { headers: { Authorization: `Bearer ${rawKey}` } });
  expect(denied.status()).toBe(401);
  const body = (await denied.json()) as { error: { code: string } };
  expect(body.error.code).toBe("UNAUTHORIZED");
});
