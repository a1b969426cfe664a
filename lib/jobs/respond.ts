import type { NextRequest } from "next/server";
import { AppError } from "@/lib/http/errors";
import { json } from "@/lib/http/respond";
import type { CreateJobResult } from "./create";
import { toJobResponse } from "./schemas";

/** `Idempotency-Key` header, else the body's `idempotency_key`; both given must agree. */
export function idempotencyKeyOf(req: NextRequest, bodyKey: string | undefined): string | null {
  const header = req.headers.get("idempotency-key")?.trim() || null;
  if (header && header.length > 255) throw AppError.validation([{ path: "Idempotency-Key", message: "At most 255 characters.", limit: 255 }]);
  if (header && bodyKey && header !== bodyKey) {
    throw AppError.validation([{ path: "idempotency_key", message: "Differs from the Idempotency-Key header." }]);
  }
  return header ?? bodyKey ?? null;
}

/** 201 with the new job, or 200 + `Idempotent-Replayed: true` for a replay. */
export function jobCreatedResponse(result: CreateJobResult) {
  const body = toJobResponse(result.job);
  if (result.replayed) return json(body, { status: 200, headers: { "Idempotent-Replayed": "true" } });
  return json(body, { status: 201 });
}
