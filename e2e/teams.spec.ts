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

test("removing a member asks first; deleting a team asks for its name; each change shows a toast", async ({ browser }) => {
  const stamp = Date.now();
  const owner = await newPage(browser);
  await signIn(owner, `e2e-safety-${stamp}@example.com`, "/app/teams");
  await owner.waitForURL((u) => u.pathname === "/app/teams");
  await owner.getByTestId("upgrade-button").click();
  await owner.waitForURL(/\/app\/teams\/[0-9a-f-]{36}$/);

  // a second team, so deleting it leaves the owner their first
  await owner.goto("/app/teams");
  const teamName = `Doomed ${stamp}`;
  await owner.getByLabel("Team name").fill(teamName);
  await owner.getByRole("button", { name: "Create team" }).click();
  await owner.waitForURL(/\/app\/teams\/[0-9a-f-]{36}$/);
  const teamUrl = owner.url();

  // a member joins by invitation, then is removed after a confirmation
  const guestEmail = `e2e-removed-${stamp}@example.com`;
  await owner.getByLabel("Email address").fill(guestEmail);
  await owner.getByRole("button", { name: "Invite" }).click();
  await expect(owner.getByTestId("toast").filter({ hasText: `Invitation emailed to ${guestEmail}` })).toBeVisible();
  const link = (await owner.getByTestId("invite-link").textContent())!.trim();
  const guest = await newPage(browser);
  await signIn(guest, guestEmail, new URL(link).pathname);
  await guest.getByRole("button", { name: "Accept and join" }).click();
  await guest.waitForURL(/\/app\/teams\/[0-9a-f-]{36}$/);

  await owner.goto(teamUrl);
  const row = owner.getByTestId("member-row").filter({ hasText: guestEmail });
  await row.getByRole("button", { name: "Remove" }).click();
  const ask = owner.getByRole("dialog");
  await expect(ask).toContainText(`Remove ${guestEmail} from ${teamName}?`);
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(owner.getByTestId("member-row")).toHaveCount(2);
  await row.getByRole("button", { name: "Remove" }).click();
  await owner.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
  await expect(owner.getByTestId("toast").filter({ hasText: `${guestEmail} was removed from ${teamName}.` })).toBeVisible();
  await expect(owner.getByTestId("member-row")).toHaveCount(1);

  // delete: the button stays disabled until the name is typed; the dialog's field has the focus
  await owner.getByRole("button", { name: "Delete team" }).click();
  const del = owner.getByRole("dialog");
  const confirm = del.getByRole("button", { name: "Delete team" });
  await expect(del.getByLabel(`Type ${teamName} to confirm`)).toBeFocused();
  await expect(confirm).toBeDisabled();
  await owner.keyboard.type("Doomed");
  await expect(confirm).toBeDisabled();
  await owner.keyboard.type(` ${stamp}`);
  await confirm.click();
  await owner.waitForURL((u) => u.pathname === "/app/teams");
  await expect(owner.getByTestId("toast").filter({ hasText: `${teamName} was deleted.` })).toBeVisible();
  await expect(owner.getByRole("list", { name: "Teams" })).not.toContainText(teamName);
});
