/** What the render worker accepts: RunPod's `{input, webhook}` run body and the test fault settings. */
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

export const faultsSchema = z
  .object({
    /** Answer this many /run requests with a 500. */
    run500: z.number().int().min(0).optional(),
    /** Report these scenes FAILED. */
    failScenes: z.array(z.string()).optional(),
    /** Extra render time, ms. */
    delayMs: z.number().int().min(0).max(600_000).optional(),
    /** Never call the webhook: only status polling reveals the outcome. */
    dropWebhook: z.boolean().optional(),
  })
  .strict();

export type Faults = Required<z.infer<typeof faultsSchema>>;
export const NO_FAULTS: Faults = { run500: 0, failScenes: [], delayMs: 0, dropWebhook: false };
