import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { teams, users } from "./accounts";
import { createdAt, updatedAt } from "./common";
import { projectStatus } from "./enums";

export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    status: projectStatus("status").notNull().default("draft"),
    spec: jsonb("spec"),
    // What the author wrote (comments, order, formatting) and how: the editor shows it back as-is.
    specSource: text("spec_source"),
    specFormat: text("spec_format"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("projects_team_idx").on(t.teamId, t.createdAt),
    check("projects_name_len", sql`char_length(${t.name}) between 1 and 200`),
    check("projects_updated_after_created", sql`${t.updatedAt} >= ${t.createdAt}`),
    check("projects_spec_format", sql`${t.specFormat} in ('yaml', 'json')`),
    check("projects_spec_source_with_format", sql`(${t.specSource} is null) = (${t.specFormat} is null)`),
    check("projects_spec_source_with_spec", sql`${t.specSource} is null or ${t.spec} is not null`),
    check("projects_spec_source_len", sql`octet_length(${t.specSource}) <= 1048576`),
  ],
);
