/** What the render worker accepts: RunPod's `{input, webhook}` run body. */
import { z } from "zod";

const objectRef = z.object({ bucket: z.string().min(1), key: z.string().min(1) });
const size = z.number().int().min(16).max(4096).multipleOf(2);

export const sceneRenderRequestSchema = z.object({
  jobId: z.string().min(1),
  sceneId: z.string().min(1).max(64),
  prompt: z.string().max(20_000),
  negativePrompt: z.string().max(20_000).default(""),
  duration: z.number().positive().max(120),
  width: size,
  height: size,
  fps: z.number().int().min(1).max(60),
  seed: z.number().int(),
  referenceImage: objectRef.optional(),
  output: objectRef,
  callbackUrl: z.string().url(),
});

export const runBodySchema = z.object({ input: sceneRenderRequestSchema, webhook: z.string().url().optional() });
