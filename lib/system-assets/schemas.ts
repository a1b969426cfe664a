import { z } from "zod";
import type { systemAssets } from "@/drizzle/schema";
import { SYSTEM_ASSET_CATEGORIES, systemAssetUrn } from "./catalog";

export type SystemAssetRow = typeof systemAssets.$inferSelect;

/** `:id` of a system asset: anything that cannot be one is simply not found. */
export const systemAssetIdParams = z.object({ id: z.string().max(100).regex(/^asset_[a-z]+_[a-z0-9_]+$/) }).strict();

export const listSystemAssetsQuery = z
  .object({
    category: z.enum(SYSTEM_ASSET_CATEGORIES).optional(),
    /** One tag; matched case-insensitively against the asset's tags. */
    tag: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .transform((t) => t.toLowerCase())
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListSystemAssetsQuery = z.infer<typeof listSystemAssetsQuery>;

export const systemAssetSchema = z.object({
  id: z.string(),
  category: z.enum(SYSTEM_ASSET_CATEGORIES),
  name: z.string(),
  description: z.string(),
  duration_seconds: z.number().nullable(),
  content_type: z.string(),
  size_bytes: z.number().int(),
  tags: z.array(z.string()),
  urn: z.string(),
  created_at: z.string(),
});
export type SystemAssetResponse = z.infer<typeof systemAssetSchema>;

/** `GET /v1/system-assets/:id`: also a presigned GET of the file, valid 24 h. */
export const systemAssetDetailSchema = systemAssetSchema.extend({ preview_url: z.string().url() });

export const systemAssetListSchema = z.object({ data: z.array(systemAssetSchema), next_cursor: z.string().nullable() });

export function toSystemAssetResponse(row: SystemAssetRow): SystemAssetResponse {
  return {
    id: row.id,
    category: row.category,
    name: row.name,
    description: row.description,
    duration_seconds: row.durationSeconds === null ? null : Number(row.durationSeconds),
    content_type: row.contentType,
    size_bytes: row.sizeBytes,
    tags: row.tags,
    urn: systemAssetUrn(row),
    created_at: row.createdAt.toISOString(),
  };
}
