import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, isUrn, updatedAt } from "./common";
import { ASSET_CONTENT_TYPES, MAX_ASSET_BYTES, assetStatus, systemAssetCategory } from "./enums";
import { projects } from "./projects";

const contentTypeList = sql.raw(ASSET_CONTENT_TYPES.map((c) => `'${c}'`).join(", "));

export const assetFiles = pgTable(
  "asset_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    owner: text("owner").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    s3Key: text("s3_key").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    status: assetStatus("status").notNull().default("pending"),
    metadata: jsonb("metadata").notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("asset_files_s3_key_key").on(t.s3Key),
    index("asset_files_owner_idx").on(t.owner, t.createdAt),
    index("asset_files_project_idx").on(t.projectId),
    check("asset_files_owner_urn", isUrn("owner")),
    check("asset_files_project_team_owner", sql`${t.projectId} is null or ${t.owner} ~ '^framecast:team:'`),
    check("asset_files_filename_len", sql`char_length(${t.filename}) between 1 and 255`),
    check("asset_files_content_type", sql`${t.contentType} in (${contentTypeList})`),
    check("asset_files_size", sql`${t.sizeBytes} between 1 and ${sql.raw(String(MAX_ASSET_BYTES))}`),
    check("asset_files_metadata_object", sql`jsonb_typeof(${t.metadata}) = 'object'`),
    check("asset_files_updated_after_created", sql`${t.updatedAt} >= ${t.createdAt}`),
  ],
);

export const systemAssets = pgTable(
  "system_assets",
  {
    id: text("id").primaryKey(),
    category: systemAssetCategory("category").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    durationSeconds: numeric("duration_seconds", { precision: 8, scale: 3, mode: "number" }),
    s3Key: text("s3_key").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("system_assets_s3_key_key").on(t.s3Key),
    index("system_assets_category_idx").on(t.category),
    check("system_assets_id_format", sql`${t.id} ~ '^asset_[a-z]+_[a-z0-9_]+$' and ${t.id} like 'asset_' || ${t.category} || '_%'`),
    check("system_assets_description_len", sql`char_length(${t.description}) <= 500`),
    check("system_assets_duration_positive", sql`${t.durationSeconds} is null or ${t.durationSeconds} > 0`),
    check("system_assets_size_positive", sql`${t.sizeBytes} > 0`),
  ],
);
