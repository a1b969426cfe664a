import { z } from "zod";
import { ASSET_CONTENT_TYPES, MAX_ASSET_BYTES } from "@/drizzle/schema/enums";
import type { assetFiles } from "@/drizzle/schema";
import { paginationQuery } from "@/lib/http/pagination";
import { URN_PATTERN } from "@/lib/urn";

export type AssetRow = typeof assetFiles.$inferSelect;
export const ASSET_STATUSES = ["pending", "ready", "failed"] as const;

/** POST /v1/assets/upload-url (spec part 2 §3, part 4 §5). */
export const uploadRequestSchema = z
  .object({
    filename: z.string().trim().min(1).max(255).meta({ description: "The file's name; stored sanitized.", example: "keeper.png" }),
    content_type: z.enum(ASSET_CONTENT_TYPES).meta({ description: "What the file is; checked against its bytes on confirm." }),
    size_bytes: z.number().int().min(1).max(MAX_ASSET_BYTES).meta({ description: "Exact size in bytes (at most 50 MiB); bound into the upload URL." }),
    owner: z.string().regex(URN_PATTERN, "Must be an owner URN.").optional(),
    project_id: z.string().uuid().optional().meta({ description: "A project's asset belongs to the project's team." }),
  })
  .strict();
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

export const listAssetsQuery = z
  .object({
    ...paginationQuery,
    owner: z.string().regex(URN_PATTERN, "Must be an owner URN.").optional(),
    project_id: z.string().uuid().optional(),
    content_type: z.string().max(100).optional().meta({ description: "A content type or its prefix, e.g. `image/`." }),
    status: z.enum(ASSET_STATUSES).optional(),
  })
  .strict();
export type ListAssetsQuery = z.infer<typeof listAssetsQuery>;

export const assetSchema = z.object({
  id: z.string().uuid(),
  owner: z.string(),
  uploaded_by: z.string().uuid().nullable(),
  project_id: z.string().uuid().nullable(),
  filename: z.string(),
  content_type: z.enum(ASSET_CONTENT_TYPES),
  size_bytes: z.number().int(),
  status: z.enum(ASSET_STATUSES),
  metadata: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
  download_url: z.string().optional().meta({ description: "Presigned GET, 1 h; `GET /v1/assets/:id` of a ready asset only." }),
});

export function toAssetResponse(row: AssetRow, extra: { download_url?: string } = {}) {
  return {
    id: row.id,
    owner: row.owner,
    uploaded_by: row.uploadedBy,
    project_id: row.projectId,
    filename: row.filename,
    content_type: row.contentType,
    size_bytes: row.sizeBytes,
    status: row.status,
    metadata: row.metadata as Record<string, unknown>,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    ...extra,
  };
}
