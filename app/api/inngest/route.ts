import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { functions } from "@/inngest";
import { inngestSettings } from "@/lib/config";
import { inngest } from "@/lib/inngest/client";
import { verifyEmptyBodySignature } from "@/lib/inngest/sync-signature";

export const dynamic = "force-dynamic";
// Long steps (stitching) run inside this request.
export const maxDuration = 300;

/**
 * With INNGEST_SIGNING_KEY set (always in production) the SDK refuses unsigned GET/POST and in-band
 * syncs; an out-of-band sync (a bare PUT) must be signed too (lib/inngest/sync-signature.ts).
 */
const handlers = serve({ client: inngest(), functions });

export const { GET, POST } = handlers;

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
