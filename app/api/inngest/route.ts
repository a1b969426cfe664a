import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { functions } from "@/inngest";
import { inngestSettings } from "@/lib/config";
import { inngest } from "@/lib/inngest/client";
import { verifyEmptyBodySignature } from "@/lib/inngest/sync-signature";
import { inSpan } from "@/lib/ops/tracing";

export const dynamic = "force-dynamic";
// Long steps (stitching) run inside this request.
export const maxDuration = 300;

/**
 * With INNGEST_SIGNING_KEY set (always in production) the SDK refuses unsigned GET/POST and in-band
 * syncs; an out-of-band sync (a bare PUT) must be signed too (lib/inngest/sync-signature.ts).
 */
const handlers = serve({ client: inngest(), functions });

export const { GET } = handlers;

/** Each call Inngest makes runs one step (or the function up to its next step): one span when tracing. */
export function POST(req: NextRequest, ctx: unknown): Promise<Response> {
  const q = req.nextUrl.searchParams;
  const fnId = q.get("fnId") ?? undefined;
  const stepId = q.get("stepId") ?? undefined;
  const post = handlers.POST as (req: NextRequest, ctx: unknown) => Promise<Response>;
  return inSpan(`inngest ${fnId ?? "?"} ${stepId ?? "?"}`, { "inngest.function.id": fnId, "inngest.step.id": stepId }, async (span) => {
    const res = await post(req, ctx);
    span.setAttribute("http.response.status_code", res.status);
    return res;
  });
}

export async function PUT(req: NextRequest, ctx: unknown): Promise<Response> {
  const { signingKey, signingKeyFallback } = inngestSettings();
  const inBand = req.headers.get("x-inngest-sync-kind") === "in_band";
  if (signingKey && !inBand) {
    const keys = signingKeyFallback ? [signingKey, signingKeyFallback] : [signingKey];
    if (!verifyEmptyBodySignature(req.headers.get("x-inngest-signature"), keys)) {
      return Response.json({ message: "Unauthorized" }, { status: 401 });
    }
  }
  return (handlers.PUT as (req: NextRequest, ctx: unknown) => Promise<Response>)(req, ctx);
}
