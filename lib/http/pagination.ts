import { and, eq, gt, lt, or, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "./errors";

export const paginationQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
};

export interface Cursor {
  t: string;
  id: string;
}

/** Opaque keyset cursor over (created_at desc, id desc): stable under inserts. */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ t: row.createdAt.toISOString(), id: row.id })).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Cursor;
    if (typeof v.t !== "string" || typeof v.id !== "string" || Number.isNaN(Date.parse(v.t))) throw new Error();
    return v;
  } catch {
    throw AppError.validation([{ path: "cursor", message: "Invalid cursor." }]);
  }
}

/** Given `limit + 1` rows, returns the page and the next cursor. */
export function page<T extends { createdAt: Date; id: string }, R>(
  rows: T[],
  limit: number,
  map: (row: T) => R,
): { data: R[]; next_cursor: string | null } {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return { data: slice.map(map), next_cursor: more ? encodeCursor(slice[slice.length - 1]!) : null };
}

/**
 * The keyset condition for the page after `cursor` over (created_at, id): older rows for newest-first
 * lists, newer ones with `"asc"`. Undefined (no condition) on the first page.
 */
export function afterCursor(cursor: Cursor | null, createdAt: AnyColumn, id: AnyColumn, order: "desc" | "asc" = "desc"): SQL | undefined {
  if (!cursor) return undefined;
  const beyond = order === "desc" ? lt : gt;
  const t = new Date(cursor.t);
  return or(beyond(createdAt, t), and(eq(createdAt, t), beyond(id, cursor.id)));
}
