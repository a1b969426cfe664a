import { z } from "zod";
import { URN_PATTERN } from "@/lib/urn";
import { renderOptionsSchema } from "./schema";

export const estimateRequestSchema = z
  .object({
    spec: z.union([z.string(), z.record(z.string(), z.unknown())]).meta({
      description: "The storyboard: an object, or YAML/JSON text.",
    }),
    owner: z.string().regex(URN_PATTERN, "Must be an owner URN.").optional(),
    options: renderOptionsSchema.optional(),
  })
  .strict();
export type EstimateRequest = z.infer<typeof estimateRequestSchema>;

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

/** Which parser a request body needs, from its Content-Type. */
export function formatFromContentType(contentType: string | null): "yaml" | "json" | null {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (YAML_TYPES.includes(type)) return "yaml";
  if (type === "application/json" || type.endsWith("+json")) return "json";
  return null;
}
