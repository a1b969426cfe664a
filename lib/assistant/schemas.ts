import { z } from "zod";

/** POST /v1/spec/generate (spec part 4 §7). */
export const generateSpecRequestSchema = z
  .object({
    brief: z.string().trim().min(1).max(4000).meta({ description: "What the video should be (at most 4,000 characters).", example: "A 20 second teaser: a lighthouse keeper sees a ghost ship in a storm." }),
    duration_seconds: z.number().int().min(1).max(300).optional().meta({ description: "Target length of the video in seconds." }),
    style: z.string().trim().min(1).max(200).optional().meta({ description: "Visual style, e.g. \"35mm film, moody\"." }),
    scenes: z.number().int().min(1).max(50).optional().meta({ description: "How many scenes to write." }),
    base_spec: z
      .union([z.string().max(200_000), z.record(z.string(), z.unknown())])
      .optional()
      .meta({ description: "A storyboard to revise (object or YAML/JSON text); the brief says what to change." }),
  })
  .strict();
export type GenerateSpecRequest = z.infer<typeof generateSpecRequestSchema>;
