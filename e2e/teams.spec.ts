import { expect, test, type Browser, type Page } from "@playwright/test";

/** Two people in two browsers: one upgrades and invites, the other follows the link and joins. */
async function signIn(page: Page, email: string, next: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

test("upgrade, invite by link, accept in another browser, change the new member's role", async ({ browser }) => {
  const stamp = Date.now();
  const owner = await newPage(browser);
  await signIn(owner, `e2e-owner-${stamp}@example.com`, "/app/teams");
  await owner.waitForURL((u) => u.pathname === "/app/teams");

  // A starter sees the upgrade; upgrading opens "My Team"
  await owner.getByTestId("upgrade-button").click();
  await owner.waitForURL(/\/app\/teams\/[0-9a-f-]{36}$/);
  await expect(owner.getByTestId("member-row")).toHaveCount(1);
  await expect(owner.getByTestId("member-row").first()).toContainText("(you)");

  // Invite: the link is shown once
  const guestEmail = `e2e-guest-${stamp}@example.com`;
  await owner.getByLabel("Email address").fill(guestEmail);
  await owner.getByLabel("Role").selectOption("admin");
  await owner.getByRole("button", { name: "Invite" }).click();
  const link = (await owner.getByTestId("invite-link").textContent())!.trim();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(owner.getByTestId("invitations").getByText("pending")).toBeVisible();
  await owner.screenshot({ path: "e2e/.artifacts/team-invited.png", fullPage: true });

  // The guest follows the link, signs in, accepts
  const guest = await newPage(browser);
  const invitePath = new URL(link).pathname;
  await guest.goto(invitePath);
  await guest.waitForURL((u) => u.pathname === "/sign-in");
  await guest.getByLabel("Email address").fill(guestEmail);
  await guest.getByRole("button", { name: "Continue" }).click();
  await guest.waitForURL((u) => u.pathname === invitePath);
  await expect(guest.getByTestId("invite")).toContainText(guestEmail);
  await guest.getByRole("button", { name: "Accept and join" }).click();
  await guest.waitForURL(/\/app\/teams\/[0-9a-f-]{36}$/);
  await expect(guest.getByTestId("member-row")).toHaveCount(2);

  // The owner sees the new admin and makes them a viewer
  await owner.reload();
  const row = owner.getByTestId("member-row").filter({ hasText: guestEmail });
  await expect(row.getByRole("combobox")).toHaveValue("admin");
  await row.getByRole("combobox").selectOption("viewer");
  await expect(owner.getByTestId("member-row").filter({ hasText: guestEmail }).getByRole("combobox")).toHaveValue("viewer");
  await expect(owner.getByTestId("invitations").getByText("accepted", { exact: true }).first()).toBeVisible();
  await owner.screenshot({ path: "e2e/.artifacts/team-members.png", fullPage: true });

  // The guest, now a viewer, has no invitations panel
  await guest.reload();
  await expect(guest.getByTestId("member-row")).toHaveCount(2);
  await expect(guest.getByTestId("invitations")).toHaveCount(0);
});
