/** Reading JSON Schema nodes of the OpenAPI document for display: type labels, constraints, field rows. */

export type JsonSchema = Record<string, unknown>;

export const REF = "#/components/schemas/";

export const refName = (s: JsonSchema | undefined): string | null =>
  typeof s?.$ref === "string" && s.$ref.startsWith(REF) ? s.$ref.slice(REF.length) : null;

/** A short human type: `string (uuid)`, `RenderOptions`, `"720p" | "1080p"`, `array of Scene`, `… | null`. */
export function typeLabel(s: JsonSchema | undefined): string {
  if (!s) return "any";
  const name = refName(s);
  if (name) return name;
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) {
    const options = ((s.anyOf ?? s.oneOf) as JsonSchema[]).map(typeLabel);
    return [...new Set(options)].join(" | ");
  }
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in s) return JSON.stringify(s.const);
  if (s.type === "array") return `array of ${typeLabel(s.items as JsonSchema | undefined)}`;
  if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object" && !s.properties) {
    return `map of ${typeLabel(s.additionalProperties as JsonSchema)}`;
  }
  if (typeof s.type === "string") return s.format ? `${s.type} (${String(s.format)})` : s.type;
  if (Array.isArray(s.type)) return s.type.join(" | ");
  return "any";
}

/** `1–100`, `≤ 255 chars`, `default 20` … */
export function constraints(s: JsonSchema | undefined): string[] {
  if (!s) return [];
  const out: string[] = [];
  // zod's int() bounds (±2^53-1) say nothing to a reader
  const num = (k: string) => (typeof s[k] === "number" && Math.abs(s[k] as number) < Number.MAX_SAFE_INTEGER ? (s[k] as number) : undefined);
  const [min, max] = [num("minimum"), num("maximum")];
  if (min !== undefined && max !== undefined) out.push(`${min}–${max}`);
  else if (min !== undefined) out.push(`≥ ${min}`);
  else if (max !== undefined) out.push(`≤ ${max}`);
  const [minL, maxL] = [num("minLength"), num("maxLength")];
  if (minL !== undefined && maxL !== undefined) out.push(`${minL}–${maxL} chars`);
  else if (maxL !== undefined) out.push(`≤ ${maxL} chars`);
  else if (minL !== undefined && minL > 0) out.push(`≥ ${minL} chars`);
  const [minI, maxI] = [num("minItems"), num("maxItems")];
  if (maxI !== undefined) out.push(minI ? `${minI}–${maxI} items` : `≤ ${maxI} items`);
  if ("default" in s) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description?: string;
  constraints: string[];
}

/** The top-level fields of an object schema (following one $ref). */
export function fieldRows(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): FieldRow[] {
  const name = refName(schema);
  const s = name ? components[name] : schema;
  const props = (s?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s?.required ?? []) as string[]);
  return Object.entries(props).map(([field, p]) => {
    const target = refName(p) ? components[refName(p)!] : p;
    return {
      name: field,
      type: typeLabel(p),
      required: required.has(field),
      description: (p.description ?? target?.description) as string | undefined,
      constraints: constraints(p),
    };
  });
}
