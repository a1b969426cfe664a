import { serve } from "inngest/next";
import { functions } from "@/inngest";
import { inngest } from "@/lib/inngest/client";

export const dynamic = "force-dynamic";
// Long steps (stitching) run inside this request.
export const maxDuration = 300;

export const { GET, POST, PUT } = serve({ client: inngest(), functions });
