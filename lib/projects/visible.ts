import { and, eq } from "drizzle-orm";
import { memberships, projects } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For pages (a signed-in user, no API key): whether the project exists and is in one of the user's teams. */
export async function projectVisibleToUser(db: DbOrTx, userId: string, id: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const [row] = await db
    .select({ id: projects.id })
    .from(projects)
    .innerJoin(memberships, and(eq(memberships.teamId, projects.teamId), eq(memberships.userId, userId)))
    .where(eq(projects.id, id));
  return row !== undefined;
}
