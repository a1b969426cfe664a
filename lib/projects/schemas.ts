import { z } from "zod";
import type { projects } from "@/drizzle/schema";
import { paginationQuery } from "@/lib/http/pagination";
import { renderOptionsSchema } from "@/lib/storyboard/schema";

export type ProjectRow = typeof projects.$inferSelect;
export const PROJECT_STATUSES = ["draft", "rendering", "completed", "archived"] as const;

const booleanQuery = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const listProjectsQuery = z
  .object({ ...paginationQuery, status: z.enum(PROJECT_STATUSES).optional(), include_archived: booleanQuery.optional().meta({ description: "Archived projects are left out unless true (or status=archived)." }) })
  .strict();

export const createProjectSchema = z
  .object({
    name: z.string().trim().min(1).max(200).meta({ example: "Launch teaser" }),
    spec: z.record(z.string(), z.unknown()).optional().meta({ description: "The storyboard (it may be invalid while being edited)." }),
  })
  .strict();

export const renameProjectSchema = z.object({ name: z.string().trim().min(1).max(200) }).strict();

export const renderProjectSchema = z
  .object({
    options: renderOptionsSchema.optional(),
    idempotency_key: z.string().min(1).max(255).optional(),
  })
  .strict();

export const projectSchema = z.object({
  id: z.string().uuid(),
  team_id: z.string().uuid(),
  owner: z.string().meta({ description: "The team URN (project jobs and assets are the team's)." }),
  created_by: z.string().uuid().nullable(),
  name: z.string(),
  status: z.enum(PROJECT_STATUSES),
  spec: z.record(z.string(), z.unknown()).nullable().optional().meta({ description: "In `GET /v1/projects/:id` and writes; left out of lists." }),
  spec_source: z
    .string()
    .nullable()
    .optional()
    .meta({ description: "The storyboard as the author last saved it (`PUT …/spec`), comments and formatting kept; null when the spec was given as an object (no text to keep). With `spec`." }),
  spec_format: z.enum(["yaml", "json"]).nullable().optional().meta({ description: "The language of `spec_source`. With `spec`." }),
  created_at: z.string(),
  updated_at: z.string(),
});

/** The parsed storyboard plus the text it came from (a spec given as an object reads back as JSON). */
function specFields(p: ProjectRow) {
  const spec = (p.spec as Record<string, unknown> | null) ?? null;
  if (p.specSource !== null && p.specFormat !== null) return { spec, spec_source: p.specSource, spec_format: p.specFormat as "yaml" | "json" };
  // No text was sent (the spec came as an object): the editor shows its own YAML view of `spec`.
  return { spec, spec_source: null, spec_format: null };
}

export function toProjectResponse(p: ProjectRow, opts: { withSpec?: boolean } = {}) {
  return {
    id: p.id,
    team_id: p.teamId,
    owner: `framecast:team:tm_${p.teamId}`,
    created_by: p.createdBy,
    name: p.name,
    status: p.status,
    ...(opts.withSpec ? specFields(p) : {}),
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}
