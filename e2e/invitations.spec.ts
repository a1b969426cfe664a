import { expect, test, type Page } from "@playwright/test";

/**
 * Invitations are emailed (issue 11 item 9): the stack's email goes to MailDev (scripts/e2e.ts,
 * E2E_MAILDEV_URL); the message arrives through the outbox and the send-email function, and its
 * link opens the invite page, which says what the invitation is before anyone answers.
 */
const maildev = process.env.E2E_MAILDEV_URL ?? "http://localhost:1080";

interface Caught {
  subject: string;
  text?: string;
  to: { address: string }[];
}

async function signIn(page: Page, email: string, next: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("the invitation email reaches MailDev and its link opens the invite page with the team, inviter, role and status", async ({ browser, request }) => {
  const stamp = Date.now();
  const ownerEmail = `e2e-inviter-${stamp}@example.com`;
  const guestEmail = `e2e-invitee-${stamp}@example.com`;
  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, ownerEmail, "/app/teams");
  await owner.waitForURL((u) => u.pathname === "/app/teams");
  await owner.getByTestId("upgrade-button").click();
  await owner.waitForURL(/\/app\/teams\/[0-9a-f-]{36}$/);
  await owner.getByLabel("Email address").fill(guestEmail);
  await owner.getByLabel("Role").selectOption("viewer");
  await owner.getByRole("button", { name: "Invite" }).click();
  await expect(owner.getByTestId("toast").filter({ hasText: `Invitation emailed to ${guestEmail}` })).toBeVisible();

  let mail: Caught | undefined;
  await expect
    .poll(
      async () => {
        const all = (await (await request.get(`${maildev}/email`)).json()) as Caught[];
        mail = all.find((m) => m.to.some((t) => t.address === guestEmail));
        return mail?.subject ?? "";
      },
      { timeout: 30_000 },
    )
    .toContain("invited you to My Team");
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/.exec(mail!.text ?? "")?.[0];
  expect(link, mail!.text).toBeTruthy();

  // MailDev's own page shows it to a person too
  const inbox = await (await browser.newContext()).newPage();
  await inbox.goto(maildev);
  await expect(inbox.getByText(mail!.subject).first()).toBeVisible();

  const guest = await (await browser.newContext()).newPage();
  const invitePath = new URL(link!).pathname;
  await signIn(guest, guestEmail, invitePath);
  await guest.waitForURL((u) => u.pathname === invitePath);
  const details = guest.getByTestId("invite-details");
  await expect(guest.getByRole("heading", { name: "Join My Team on Framecast" })).toBeVisible();
  await expect(guest.getByTestId("invite")).toContainText(`${ownerEmail} invited you.`);
  await expect(details).toContainText("Viewer");
  await expect(details).toContainText(guestEmail);
  await expect(details).toContainText("Open until");
  await guest.screenshot({ path: "e2e/.artifacts/invite-page.png", fullPage: true });
  await guest.getByRole("button", { name: "Accept and join" }).click();
  await guest.waitForURL(/\/app\/teams\/[0-9a-f-]{36}$/);

  // answered: the same link now says so, and offers no buttons
  await guest.goto(invitePath);
  await expect(guest.getByTestId("invite-details")).toContainText("Already accepted");
  await expect(guest.getByRole("button", { name: "Accept and join" })).toHaveCount(0);
});
