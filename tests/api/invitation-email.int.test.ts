/**
 * Invitation email (issue 11 item 9): the email is queued in the invitation's transaction and sent
 * by the send-email function's step (lib/email/outbox.ts) through SMTP_URL — here a real MailDev on
 * free ports, read back through its REST API. An unreachable SMTP server loses nothing: the attempt
 * says "retrying" and the row stays unsent until a later attempt gets through.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as teamInvitations from "@/app/v1/teams/[id]/invitations/route";
import * as resend from "@/app/v1/teams/[id]/invitations/[inv_id]/resend/route";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { sendQueuedEmail } from "@/lib/email/outbox";
import { EVENTS } from "@/lib/inngest/client";
import { invitationPreview } from "@/lib/invitations/service";
import { freePort } from "@/scripts/lib/embedded";
import { caughtEmails, startMailDev, type MailCatcher } from "@/scripts/lib/maildev";
import { starter, upgradedCreator } from "../helpers/fixtures";
import { call } from "../helpers/http";

let mail: MailCatcher;

beforeAll(async () => {
  mail = await startMailDev({ smtpPort: await freePort(), webPort: await freePort() });
}, 60_000);
afterAll(async () => {
  await mail?.stop();
  delete process.env.SMTP_URL;
  resetConfig();
});

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetConfig();
}

async function queuedFor(email: string) {
  return db().execute<{ id: string; sent: boolean; subject: string }>(
    sql`select id, sent_at is not null as sent, subject from email_outbox where to_email = ${email} order by created_at`,
  );
}

async function waitForCaught(to: string, count: number) {
  for (;;) {
    const got = (await caughtEmails(mail.webUrl)).filter((m) => m.to.some((t) => t.address === to));
    if (got.length >= count) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("invitation email", { timeout: 60_000 }, () => {
  it("is queued with its outbox event in the invitation's transaction and arrives in MailDev with the invite link", async () => {
    useSmtp(mail.smtpUrl);
    const owner = await upgradedCreator();
    const guest = await starter();
    const res = await call(teamInvitations.POST, { method: "POST", token: owner.token, params: { id: owner.teamId }, body: { email: guest.user.email, role: "viewer" } });
    expect(res.status, res.text).toBe(201);
    const [queued] = await queuedFor(guest.user.email);
    expect(queued).toMatchObject({ sent: false });
    const events = await db().execute<{ n: number }>(sql`select count(*)::int as n from outbox where name = ${EVENTS.emailSend} and payload->>'email_id' = ${queued!.id}`);
    expect(events[0]!.n).toBe(1);

    expect(await sendQueuedEmail(db(), queued!.id)).toEqual({ status: "sent" });
    const [caught] = await waitForCaught(guest.user.email, 1);
    expect(caught!.subject).toContain("invited you to");
    expect(caught!.text).toContain(res.json.invite_url);
    expect(caught!.text).toContain("as viewer");
    expect(caught!.html).toContain(`href="${res.json.invite_url}"`);
    expect((await queuedFor(guest.user.email))[0]!.sent).toBe(true);
    // a second run of the step (a retried function) sends nothing again
    expect(await sendQueuedEmail(db(), queued!.id)).toEqual({ status: "sent" });
    expect(await waitForCaught(guest.user.email, 1)).toHaveLength(1);
  });

  it("SMTP down: the attempt is retried later and nothing is lost; resending queues a new email with the new link", async () => {
    const owner = await upgradedCreator();
    const email = `down-${Date.now()}@example.com`;
    useSmtp(`smtp://127.0.0.1:${await freePort()}`); // nothing listens there
    const res = await call(teamInvitations.POST, { method: "POST", token: owner.token, params: { id: owner.teamId }, body: { email } });
    expect(res.status, res.text).toBe(201);
    const [queued] = await queuedFor(email);
    const failed = await sendQueuedEmail(db(), queued!.id, 1);
    expect(failed).toMatchObject({ status: "retrying", retryInMs: 30_000 });
    expect((await sendQueuedEmail(db(), queued!.id, 3)) as { retryInMs: number }).toMatchObject({ retryInMs: 600_000 });
    expect((await queuedFor(email))[0]!.sent).toBe(false);

    useSmtp(mail.smtpUrl);
    expect(await sendQueuedEmail(db(), queued!.id, 4)).toEqual({ status: "sent" });
    const again = await call(resend.POST, { method: "POST", token: owner.token, params: { id: owner.teamId, inv_id: res.json.invitation.id } });
    expect(again.status, again.text).toBe(200);
    const rows = await queuedFor(email);
    expect(rows).toHaveLength(2);
    expect(await sendQueuedEmail(db(), rows[1]!.id)).toEqual({ status: "sent" });
    const caught = await waitForCaught(email, 2);
    expect(caught.map((m) => m.text?.includes(again.json.invite_url))).toContain(true);
  });

  it("the invite page's preview: team, inviter, role, for whom, and whether it is still open", async () => {
    useSmtp(undefined);
    const owner = await upgradedCreator();
    const email = `preview-${Date.now()}@example.com`;
    const res = await call(teamInvitations.POST, { method: "POST", token: owner.token, params: { id: owner.teamId }, body: { email, role: "admin" } });
    const preview = await invitationPreview(db(), res.json.token);
    expect(preview).toMatchObject({ team: { id: owner.teamId }, inviter: { email: owner.user.email }, role: "admin", email, status: "pending" });
    await db().execute(sql`update invitations set created_at = now() - interval '8 days', expires_at = now() - interval '1 day' where id = ${res.json.invitation.id}`);
    expect((await invitationPreview(db(), res.json.token))!.status).toBe("expired");
    expect(await invitationPreview(db(), "not-a-real-token-0123456789")).toBeNull();
  });
});
