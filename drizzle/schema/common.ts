import { sql } from "drizzle-orm";
import { timestamp } from "drizzle-orm/pg-core";

export const URN_REGEX =
  "^framecast:(user:usr_[0-9a-f-]{36}|team:tm_[0-9a-f-]{36}|tm_[0-9a-f-]{36}:usr_[0-9a-f-]{36})$";

export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const createdAt = () => ts("created_at").notNull().defaultNow();
export const updatedAt = () => ts("updated_at").notNull().defaultNow();

/** CHECK expression: `column` is a well-formed owner URN. */
export const isUrn = (column: string) => sql.raw(`${column} ~ '${URN_REGEX}'`);
