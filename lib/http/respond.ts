import { NextResponse } from "next/server";
import { log } from "@/lib/log";
import { pgErrorCode } from "@/lib/db/errors";
import { AppError, errorBody, zodToFieldErrors } from "./errors";
import { ZodError } from "zod";

export function json(body: unknown, init?: ResponseInit): NextResponse {
  return NextResponse.json(body, init);
}

export const created = (body: unknown) => json(body, { status: 201 });
export const noContent = () => new NextResponse(null, { status: 204 });

/** Every thrown thing becomes the one error envelope; nothing internal ever reaches the body. */
export function toErrorResponse(err: unknown, requestId: string): NextResponse {
  if (err instanceof AppError) {
    const res = json(errorBody(err.code, err.message, err.details), { status: err.status });
    for (const [k, v] of Object.entries(err.headers ?? {})) res.headers.set(k, v);
    return res;
  }
  if (err instanceof ZodError) {
    return json(errorBody("VALIDATION_ERROR", "The request is invalid.", { errors: zodToFieldErrors(err) }), {
      status: 422,
    });
  }
  const pg = pgErrorCode(err);
  if (pg === "23505") {
    return json(errorBody("CONFLICT", "This conflicts with an existing resource."), { status: 409 });
  }
  if (pg === "23514" || pg === "23503" || pg === "P0001") {
    log.warn({ err, request_id: requestId }, "database rule rejected a write");
    return json(errorBody("CONFLICT", "The change conflicts with the current state; reload and try again."), {
      status: 409,
    });
  }
  if (pg === "40001" || pg === "40P01") {
    return json(errorBody("CONFLICT", "The request raced with another one; please retry."), { status: 409 });
  }
  log.error({ err, request_id: requestId }, "unhandled error");
  return json(errorBody("INTERNAL", "Something went wrong on our side.", { request_id: requestId }), { status: 500 });
}
