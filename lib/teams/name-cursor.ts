import { sql, type SQL } from "drizzle-orm";
import { teams } from "@/drizzle/schema";
import { AppError } from "@/lib/http/errors";

/**
 * Keyset paging over (lower(name), id) ascending, the order GET /v1/teams lists in. The shared
 * pagination helper only knows (created_at, id), so the name order has its own opaque cursor.
 */
interface NameCursor {
  n: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const nameOrder = [sql<string>`lower(${teams.name})`, teams.id] as const;

/** From the last row of a page; `sortName` is the database's lower(name), so both sides compare alike. */
export function encodeNameCursor(row: { sortName: string; team: { id: string } }): string {
  return Buffer.from(JSON.stringify({ n: row.sortName, id: row.team.id })).toString("base64url");
}

export function decodeNameCursor(cursor: string | undefined): NameCursor | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as NameCursor;
    if (typeof v.n !== "string" || typeof v.id !== "string" || !UUID.test(v.id)) throw new Error();
    return v;
  } catch {
    throw AppError.validation([{ path: "cursor", message: "Invalid cursor." }]);
  }
}

/** The rows after the cursor in name order; undefined (no condition) on the first page. */
export function afterNameCursor(cursor: NameCursor | null): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(lower(${teams.name}), ${teams.id}) > (${cursor.n}, ${cursor.id}::uuid)`;
}
