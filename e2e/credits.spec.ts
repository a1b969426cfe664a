import { expect, test, type Page } from "@playwright/test";

/**
 * Issue 11 item 1: a creator funds a new team from the team page; the team's balance and both
 * ledgers (the team's card, Settings → Credits) show the transfer. Screenshots at both widths.
 */
async function signIn(page: Page, email: string, next: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

const WIDTHS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

test("a creator adds credits to a new team; the team balance and both ledgers show it", async ({ page }) => {
  test.setTimeout(240_000); // a hang catcher: four pages at two widths on a shared 2-core machine
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, `e2e-credits-${Date.now()}@example.com`, "/app/teams");
  await page.waitForURL((u) => u.pathname === "/app/teams");
  await page.getByTestId("upgrade-button").click();
  await page.waitForURL(/\/app\/teams\/[0-9a-f-]{36}$/);

  const card = page.getByTestId("team-credits-card");
  await expect(card.getByTestId("team-balance")).toHaveText("0");
  await expect(card.getByText("No credit movements yet.")).toBeVisible();

  await card.getByRole("button", { name: "Add credits" }).click();
  const amount = card.getByLabel("Amount");
  await expect(amount).toBeFocused();
  const have = Number(((await card.getByText(/^You have [\d,]+ credits?\.$/).textContent()) ?? "").replace(/[^\d]/g, ""));
  expect(have).toBeGreaterThanOrEqual(300);
  await amount.fill("300");
  await expect(card.getByText(`yours ${have.toLocaleString("en-US")} → ${(have - 300).toLocaleString("en-US")}, the team's 0 → 300`)).toBeVisible();
  await card.getByLabel("Note (optional)").fill("launch video");
  for (const w of WIDTHS) {
    await page.setViewportSize(w);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `e2e/.artifacts/credits-team-form-${w.name}.png`, fullPage: true });
  }
  await page.setViewportSize(WIDTHS[0]!);
  await card.getByRole("button", { name: "Add 300 credits" }).click();

  await expect(card.getByRole("status")).toContainText("Added 300 credits to the team");
  await expect(card.getByRole("status")).toContainText(`your balance ${(have - 300).toLocaleString("en-US")}`);
  await expect(card.getByTestId("team-balance")).toHaveText("300");
  await expect(page.getByTestId("team-credits")).toHaveText("300");
  const teamRow = card.getByTestId("ledger-row");
  await expect(teamRow).toHaveCount(1);
  await expect(teamRow.first()).toHaveAttribute("data-kind", "transfer_in");
  await expect(teamRow.first()).toContainText("+300");
  await expect(teamRow.first()).toContainText("Balance 300");
  for (const w of WIDTHS) {
    await page.setViewportSize(w);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `e2e/.artifacts/credits-team-${w.name}.png`, fullPage: true });
  }

  // The team balance survives a reload (it is the server's)
  await page.reload();
  await expect(page.getByTestId("team-credits-card").getByTestId("team-balance")).toHaveText("300");

  // Settings → Credits: the personal ledger shows the transfer out, newest first
  await page.setViewportSize(WIDTHS[0]!);
  await page.goto("/app/settings#credits");
  const credits = page.locator("#credits");
  await expect(credits.getByTestId("personal-balance")).toHaveText((have - 300).toLocaleString("en-US"));
  const rows = credits.getByTestId("ledger-row");
  await expect(rows.first()).toHaveAttribute("data-kind", "transfer_out");
  await expect(rows.first()).toContainText("−300");
  await expect(rows.first()).toContainText(`Balance ${(have - 300).toLocaleString("en-US")}`);
  await expect(rows.last()).toHaveAttribute("data-kind", "signup");
  for (const w of WIDTHS) {
    await page.setViewportSize(w);
    await credits.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `e2e/.artifacts/credits-settings-${w.name}.png`, fullPage: true });
  }
  for (const w of WIDTHS) {
    await page.setViewportSize(w);
    await page.goto("/app");
    await expect(page.getByText("0 refunded · net 0")).toBeVisible();
    await page.screenshot({ path: `e2e/.artifacts/credits-dashboard-${w.name}.png`, fullPage: true });
  }
});
