import { pgEnum } from "drizzle-orm/pg-core";

export const userTier = pgEnum("user_tier", ["starter", "creator"]);
export const membershipRole = pgEnum("membership_role", ["owner", "admin", "member", "viewer"]);
export const projectStatus = pgEnum("project_status", ["draft", "rendering", "completed", "archived"]);
export const jobStatus = pgEnum("job_status", ["queued", "processing", "completed", "failed", "canceled"]);
export const failureType = pgEnum("failure_type", ["system", "validation", "timeout", "canceled"]);
export const jobEventType = pgEnum("job_event_type", [
  "queued",
  "started",
  "progress",
  "scene_complete",
  "completed",
  "failed",
  "canceled",
]);
export const assetStatus = pgEnum("asset_status", ["pending", "ready", "failed"]);
export const deliveryStatus = pgEnum("delivery_status", ["pending", "retrying", "delivered", "failed"]);
export const systemAssetCategory = pgEnum("system_asset_category", ["sfx", "ambient", "music", "transition"]);
export const ledgerReason = pgEnum("ledger_reason", ["grant", "job_charge", "job_refund", "adjustment"]);

export const ASSET_CONTENT_TYPES = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "audio/mpeg",
  "audio/wav",
  "audio/ogg",
  "video/mp4",
] as const;
export const MAX_ASSET_BYTES = 50 * 1024 * 1024;

export const WEBHOOK_EVENTS = [
  "job.queued",
  "job.started",
  "job.progress",
  "job.completed",
  "job.failed",
  "job.canceled",
] as const;
