/** Invitations (spec part 1 §1 T4/T5, §3, §5 I2/I7/I8/CARD-4; part 2 §3) on real PostgreSQL. */
import { createHash, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { itConcurrent } from "../helpers/concurrency";
import * as mine from "@/app/v1/invitations/route";
import * as acceptByToken from "@/app/v1/invitations/accept/route";
import * as accept from "@/app/v1/invitations/[inv_id]/accept/route";
import * as decline from "@/app/v1/invitations/[inv_id]/decline/route";
import * as teamInvitations from "@/app/v1/teams/[id]/invitations/route";
import * as oneInvitation from "@/app/v1/teams/[id]/invitations/[inv_id]/route";
import * as resend from "@/app/v1/teams/[id]/invitations/[inv_id]/resend/route";
import * as members from "@/app/v1/teams/[id]/members/route";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { starter, upgradedCreator } from "../helpers/fixtures";
import { call } from "../helpers/http";


const emailOf = (s: { user: { email: string } }) => s.user.email;
const inviteAs = (token: string, teamId: string, body: Record<string, unknown>) =>
  call(teamInvitations.POST, { method: "POST", token, params: { id: teamId }, body });

describe("invitations", () => {
  it("invite → the invitee sees it → accepts by token: a starter becomes a creator with their own team and joins with the role", async () => {
    const owner = await upgradedCreator();
    const guest = await starter();
    const res = await inviteAs(owner.token, owner.teamId, { email: emailOf(guest).toUpperCase(), role: "admin" });
    expect(res.status, res.text).toBe(201);
    expect(res.json.invitation).toMatchObject({ email: emailOf(guest).toLowerCase(), role: "admin", status: "pending" });
    expect(res.json.invite_url).toBe(`http://localhost:3000/invite/${res.json.token}`);
    const [stored] = await db().execute<{ token_hash: string }>(sql`select token_hash from invitations where id = ${res.json.invitation.id}`);
    expect(stored!.token_hash).toBe(createHash("sha256").update(res.json.token).digest("hex"));

    const listed = await call(mine.GET, { token: guest.token });
    expect(listed.json.data).toEqual([expect.objectContaining({ id: res.json.invitation.id, team: expect.objectContaining({ id: owner.teamId }) })]);
    const accepted = await call(acceptByToken.POST, { method: "POST", token: guest.token, body: { token: res.json.token } });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json).toMatchObject({ invitation: { status: "accepted" }, team: { id: owner.teamId, role: "admin" }, membership: { role: "admin" } });
    const roles = await db().execute<{ role: string; invited: boolean }>(sql`
      select m.role::text, t.id = ${owner.teamId} as invited from memberships m join teams t on t.id = m.team_id where m.user_id = ${guest.sub}`);
    // their own new team (T4) and the inviting one
    expect(roles.map((r) => `${r.role}:${r.invited ? "invited" : "own"}`).sort()).toEqual(["admin:invited", "owner:own"]);
    const [tier] = await db().execute<{ tier: string }>(sql`select tier from users where id = ${guest.sub}`);
    expect(tier!.tier).toBe("creator");
    const list = await call(members.GET, { token: owner.token, params: { id: owner.teamId } });
    expect(list.json.data.map((m: { user_id: string }) => m.user_id)).toContain(guest.sub);
    // answered: nothing more to do with it
    expect((await call(accept.POST, { method: "POST", token: guest.token, params: { inv_id: res.json.invitation.id } })).status).toBe(409);
  });

  it("refused: yourself (422), a member (409 CONFLICT), owner role (422); members may not invite (403)", async () => {
    const owner = await upgradedCreator();
    const m = await upgradedCreator();
    await db().execute(sql`insert into memberships (team_id, user_id, role) values (${owner.teamId}, ${m.sub}, 'member')`);
    expect((await inviteAs(owner.token, owner.teamId, { email: emailOf(owner) })).status).toBe(422);
    expect((await inviteAs(owner.token, owner.teamId, { email: emailOf(m) })).json.error.code).toBe("CONFLICT");
    expect((await inviteAs(owner.token, owner.teamId, { email: "x@example.com", role: "owner" })).status).toBe(422);
    expect((await inviteAs(m.token, owner.teamId, { email: "y@example.com" })).status).toBe(403);
    expect((await inviteAs(owner.token, owner.teamId, { email: "z@example.com" })).status).toBe(201);
  });

  it("re-inviting an email with an open invitation revokes the old one and creates a new one (201); the old link stops working", async () => {
    const owner = await upgradedCreator();
    const guest = await starter();
    const first = await inviteAs(owner.token, owner.teamId, { email: emailOf(guest), role: "viewer" });
    expect(first.status).toBe(201);
    const again = await inviteAs(owner.token, owner.teamId, { email: emailOf(guest), role: "admin" });
    expect(again.status).toBe(201);
    expect(again.json.invitation.id).not.toBe(first.json.invitation.id);
    expect(again.json.invitation.role).toBe("admin");
    const list = await call(teamInvitations.GET, { token: owner.token, params: { id: owner.teamId } });
    const byId = new Map(list.json.data.map((i: { id: string; status: string }) => [i.id, i.status]));
    expect([byId.get(first.json.invitation.id), byId.get(again.json.invitation.id)]).toEqual(["revoked", "pending"]);
    const old = await call(acceptByToken.POST, { method: "POST", token: guest.token, body: { token: first.json.token } });
    expect([old.status, old.json.error.details.status]).toEqual([409, "revoked"]);
    const fresh = await call(acceptByToken.POST, { method: "POST", token: guest.token, body: { token: again.json.token } });
    expect(fresh.status).toBe(200);
    expect(fresh.json.membership.role).toBe("admin");
  });

  itConcurrent("re-invites under concurrency: 10 simultaneous re-invites of one email → all 201, exactly one open invitation", async () => {
    const owner = await upgradedCreator();
    const email = `again-${randomUUID().slice(0, 8)}@example.com`;
    expect((await inviteAs(owner.token, owner.teamId, { email })).status).toBe(201);
    const results = await Promise.all(Array.from({ length: 10 }, () => inviteAs(owner.token, owner.teamId, { email })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const [open] = await db().execute<{ n: number; total: number }>(sql`
      select count(*) filter (where accepted_at is null and declined_at is null and revoked_at is null and expires_at > now())::int as n,
             count(*)::int as total
      from invitations where team_id = ${owner.teamId} and email = ${email}`);
    expect(open).toEqual({ n: 1, total: 11 });
    // The database keeps it so too: a second unanswered invitation for the email is refused.
    const second = await db()
      .execute(sql`insert into invitations (team_id, invited_by, email, token_hash) values (${owner.teamId}, ${owner.sub}, ${email}, ${randomUUID()})`)
      .then(() => null, (err: unknown) => err);
    expect(isUniqueViolation(second, "invitations_one_unanswered_key")).toBe(true);
  });

  it("decline, revoke, expire and resend: each state answers as it should", async () => {
    const owner = await upgradedCreator();
    const a = await starter();
    const b = await starter();
    const c = await starter();
    const ia = (await inviteAs(owner.token, owner.teamId, { email: emailOf(a) })).json;
    expect((await call(decline.POST, { method: "POST", token: a.token, params: { inv_id: ia.invitation.id } })).json.status).toBe("declined");
    expect((await call(accept.POST, { method: "POST", token: a.token, params: { inv_id: ia.invitation.id } })).status).toBe(409);

    const ib = (await inviteAs(owner.token, owner.teamId, { email: emailOf(b) })).json;
    expect((await call(oneInvitation.DELETE, { method: "DELETE", token: owner.token, params: { id: owner.teamId, inv_id: ib.invitation.id } })).status).toBe(204);
    const late = await call(accept.POST, { method: "POST", token: b.token, params: { inv_id: ib.invitation.id } });
    expect([late.status, late.json.error.details.status]).toEqual([409, "revoked"]);

    const ic = (await inviteAs(owner.token, owner.teamId, { email: emailOf(c) })).json;
    await db().execute(sql`update invitations set created_at = now() - interval '9 days', expires_at = now() - interval '2 days' where id = ${ic.invitation.id}`);
    const expired = await call(accept.POST, { method: "POST", token: c.token, params: { inv_id: ic.invitation.id } });
    expect([expired.status, expired.json.error.details.status]).toEqual([409, "expired"]);
    const again = await call(resend.POST, { method: "POST", token: owner.token, params: { id: owner.teamId, inv_id: ic.invitation.id } });
    expect(again.json.invitation.status).toBe("pending");
    // the old link is dead, the new one works
    expect((await call(acceptByToken.POST, { method: "POST", token: c.token, body: { token: ic.token } })).status).toBe(404);
    expect((await call(acceptByToken.POST, { method: "POST", token: c.token, body: { token: again.json.token } })).status).toBe(200);
  });

  it("someone else's invitation: 404 by id, 403 by token", async () => {
    const owner = await upgradedCreator();
    const invited = await starter();
    const other = await starter();
    const inv = (await inviteAs(owner.token, owner.teamId, { email: emailOf(invited) })).json;
    expect((await call(accept.POST, { method: "POST", token: other.token, params: { inv_id: inv.invitation.id } })).status).toBe(404);
    expect((await call(acceptByToken.POST, { method: "POST", token: other.token, body: { token: inv.token } })).status).toBe(403);
  });

  itConcurrent("limits under concurrency: 30 invitations at once → exactly 20 (per UTC day); 50 open → the 51st is refused", async () => {
    const owner = await upgradedCreator();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => inviteAs(owner.token, owner.teamId, { email: `burst-${i}-${randomUUID().slice(0, 6)}@example.com` })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    expect(new Set(results.filter((r) => r.status !== 201).map((r) => r.json.error.code))).toEqual(new Set(["LIMIT_EXCEEDED"]));

    const other = await upgradedCreator();
    await db().execute(sql`
      insert into invitations (team_id, invited_by, email, role, token_hash, created_at, expires_at)
      select ${other.teamId}, ${other.sub}, 'open-' || g || '@example.com', 'member', md5(random()::text || g), now() - interval '2 days', now() + interval '5 days'
      from generate_series(1, 50) g`);
    const over = await inviteAs(other.token, other.teamId, { email: "one-more@example.com" });
    expect([over.status, over.json.error.code]).toEqual([409, "LIMIT_EXCEEDED"]);
    expect(over.json.error.message).toContain("50 open invitations");
    // Re-inviting one of the 50 replaces it, so the open count stays at the limit.
    expect((await inviteAs(other.token, other.teamId, { email: "open-7@example.com" })).status).toBe(201);
  });
});
