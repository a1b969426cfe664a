/** Postgres error inspection (postgres.js errors carry `code` and `constraint_name`). */
interface PgError {
  code?: string;
  constraint_name?: string;
  cause?: unknown;
}

function pgError(err: unknown): PgError | null {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === "object"; i++) {
    if (typeof (e as PgError).code === "string" && /^[0-9A-Z]{5}$/.test((e as PgError).code!)) return e as PgError;
    e = (e as PgError).cause;
  }
  return null;
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = pgError(err);
  return !!e && e.code === "23505" && (!constraint || e.constraint_name === constraint);
}

export function pgErrorCode(err: unknown): string | null {
  return pgError(err)?.code ?? null;
}
