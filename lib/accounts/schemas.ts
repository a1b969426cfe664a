import { z } from "zod";
import type { users } from "@/drizzle/schema";

export type UserRow = typeof users.$inferSelect;

export const userSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string().nullable(),
  avatar_url: z.string().nullable(),
  tier: z.enum(["starter", "creator"]),
  credits: z.number().int(),
  ephemeral_storage_bytes: z.number().int(),
  upgraded_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type UserResponse = z.infer<typeof userSchema>;

export const updateAccountSchema = z
  .object({
    name: z.string().trim().min(1).max(100).nullable().optional(),
    avatar_url: z
      .string()
      .max(2048)
      .url()
      .refine((v) => /^https?:\/\//.test(v), "Must be an http(s) URL.")
      .nullable()
      .optional(),
  })
  .strict();

export const usageQuerySchema = z
  .object({
    period: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Must be YYYY-MM.")
      .optional(),
  })
  .strict();

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toUserResponse(u: UserRow): UserResponse {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    avatar_url: u.avatarUrl,
    tier: u.tier,
    credits: u.credits,
    ephemeral_storage_bytes: u.ephemeralStorageBytes,
    upgraded_at: iso(u.upgradedAt),
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
  };
}
