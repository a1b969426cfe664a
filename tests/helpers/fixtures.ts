import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { newIdentity } from "./http";
import * as account from "@/app/v1/account/route";
import * as upgrade from "@/app/v1/account/upgrade/route";
import { call } from "./http";

/** A provisioned starter (through the real API) and its token. */
export async function starter() {
  const id = await newIdentity();
  const res = await call(account.GET, { token: id.token });
  if (res.status !== 200) throw new Error(`provisioning failed: ${res.status} ${res.text}`);
  return { ...id, user: res.json };
}

/**
 * A creator with a team and owner membership. Upgrading is a later issue's endpoint, so this
 * writes the rows directly in one transaction (as T2 will).
 */
export async function creatorWithTeam() {
  const s = await starter();
  const teamId = randomUUID();
  await db().transaction(async (tx) => {
    await tx.execute(sql`update users set tier = 'creator', upgraded_at = now() where id = ${s.sub}`);
    await tx.execute(sql`insert into teams (id, name, slug) values (${teamId}, 'My Team', ${"my-team-" + teamId.slice(0, 8)})`);
    await tx.execute(sql`insert into memberships (team_id, user_id, role) values (${teamId}, ${s.sub}, 'owner')`);
  });
  return { ...s, teamId };
}

export async function addMember(teamId: string, role: "admin" | "member" | "viewer") {
  const s = await starter();
  await db().transaction(async (tx) => {
    await tx.execute(sql`update users set tier = 'creator', upgraded_at = now() where id = ${s.sub}`);
    const own = randomUUID();
    await tx.execute(sql`insert into teams (id, name, slug) values (${own}, 'Own', ${"own-" + own.slice(0, 8)})`);
    await tx.execute(sql`insert into memberships (team_id, user_id, role) values (${own}, ${s.sub}, 'owner')`);
    await tx.execute(sql`insert into memberships (team_id, user_id, role) values (${teamId}, ${s.sub}, ${role})`);
  });
  return s;
}

/** A starter upgraded through POST /v1/account/upgrade (T2): a creator with "My Team". */
export async function upgradedCreator() {
  const s = await starter();
  const res = await call(upgrade.POST, { method: "POST", token: s.token });
  if (res.status !== 200) throw new Error(`upgrade failed: ${res.status} ${res.text}`);
  return { ...s, teamId: res.json.team.id as string };
}
