import type { ApiKey } from "@/components/api-client";

export type KeyStatus = "active" | "revoked" | "expired";

export function keyStatus(key: ApiKey, now: number): KeyStatus {
  if (key.revoked_at) return "revoked";
  if (key.expires_at && new Date(key.expires_at).getTime() <= now) return "expired";
  return "active";
}
