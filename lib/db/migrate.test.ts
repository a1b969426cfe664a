import { describe, expect, it } from "vitest";
import { migrationUrl } from "./migrate";

describe("migrationUrl", () => {
  it("migrations use DIRECT_DATABASE_URL when set (not the transaction pooler), else DATABASE_URL", () => {
    const pooled = "postgres://u:p@aws-0-eu.pooler.supabase.com:6543/postgres";
    const direct = "postgres://u:p@db.abc.supabase.co:5432/postgres";
    expect(migrationUrl({ DATABASE_URL: pooled, DIRECT_DATABASE_URL: direct })).toBe(direct);
    expect(migrationUrl({ DATABASE_URL: pooled, DIRECT_DATABASE_URL: "" })).toBe(pooled);
    expect(migrationUrl({})).toBeUndefined();
  });
});
