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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// What encodeCursor writes (toISOString), in the years PostgreSQL and JavaScript both represent.
const ISO = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function validCursor(v: unknown): v is Cursor {
  if (typeof v !== "object" || v === null) return false;
  const { t, id } = v as Record<string, unknown>;
  if (typeof id !== "string" || !UUID.test(id) || typeof t !== "string") return false;
  const m = ISO.exec(t);
  if (!m || Number(m[1]) < 1970) return false;
  const date = new Date(t);
  return !Number.isNaN(date.getTime()) && date.toISOString() === t;
}

/** A forged or damaged cursor is a 422 on `cursor`, never a database error. */
export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    v = null;
  }
  if (!validCursor(v)) throw AppError.validation([{ path: "cursor", message: "Invalid cursor." }]);
  return v;
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
