/**
 * Checks an API-format ComfyUI workflow against node definitions (`GET /object_info`) before it is
 * queued, so a bad graph fails here with a readable reason instead of as a 400 from the server.
 * Messages follow worker-comfyui's "Node <id> (<class_type>): <msg>".
 */
import { z } from "zod";
import objectInfo from "./object-info.json";

export type ApiWorkflow = Record<string, { class_type: string; inputs: Record<string, unknown>; _meta?: { title: string } }>;

// An input spec is [type] or [type, options]; a combo's "type" is its list of allowed values.
const inputType = z.union([z.string(), z.array(z.union([z.string(), z.number()]))]);
const inputOptions = z.looseObject({
  default: z.unknown().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  step: z.number().optional(),
  // Plain values (COMBO), or `{key, inputs}` objects (COMFY_DYNAMICCOMBO_V3: each choice brings inputs).
  options: z.array(z.unknown()).optional(),
  image_upload: z.boolean().optional(),
});
const inputSpec = z.tuple([inputType, inputOptions.optional()]);
type Inputs = Record<string, z.infer<typeof inputSpec>>;
/** A dynamic combo's choice: its nested inputs are sent as `<combo>.<input>` in the API format. */
type Choice = { key: string | number; inputs?: { required?: Inputs; optional?: Inputs } };
const DYNAMIC_COMBO = "COMFY_DYNAMICCOMBO_V3";
const inputs = z.record(z.string(), inputSpec);

export const objectInfoSchema = z.record(
  z.string(),
  z.looseObject({
    input: z.looseObject({ required: inputs.optional(), optional: inputs.optional() }),
    input_order: z.looseObject({ required: z.array(z.string()).optional(), optional: z.array(z.string()).optional() }),
    // A node returning a combo lists the values instead of a type name.
    output: z.array(inputType),
    output_is_list: z.array(z.boolean()),
    output_name: z.array(z.string()),
    name: z.string(),
    display_name: z.string(),
    category: z.string(),
    output_node: z.boolean(),
    description: z.string(),
  }),
);

export type ObjectInfo = z.infer<typeof objectInfoSchema>;
type InputSpec = z.infer<typeof inputSpec>;

/** The core nodes the Framecast workflows use, as a ComfyUI server with our models installed reports them. */
export const OBJECT_INFO: ObjectInfo = objectInfoSchema.parse(objectInfo);

const isLink = (value: unknown): value is [string, number] =>
  Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "number";

const typeName = (type: z.infer<typeof inputType>) => (typeof type === "string" ? type : "COMBO");

// ComfyUI's own rule: "*" matches anything, and a type may be a comma-separated union.
function typesMatch(output: string, input: string): boolean {
  if (output === "*" || input === "*") return true;
  const outs = output.split(",");
  return input.split(",").some((t) => outs.includes(t));
}

const optionValue = (o: unknown) => (o !== null && typeof o === "object" ? (o as Choice).key : (o as string | number));

function choices(spec: InputSpec): Choice[] {
  return spec[0] === DYNAMIC_COMBO ? ((spec[1]?.options ?? []) as Choice[]) : [];
}

function checkLiteral(spec: InputSpec, value: unknown, images: readonly string[]): string | null {
  const [type, options] = spec;
  const opts = options ?? {};
  const shown = JSON.stringify(value);
  const allowed = Array.isArray(type) ? type : type === "COMBO" || type === DYNAMIC_COMBO ? opts.options?.map(optionValue) : undefined;
  if (allowed) {
    // Images uploaded with the job are not in the server's list yet when we validate.
    if (allowed.includes(value as string | number) || (opts.image_upload && images.includes(value as string))) return null;
    return `value ${shown} not in list [${allowed.join(", ")}]`;
  }
  switch (type) {
    case "INT":
    case "FLOAT": {
      if (typeof value !== "number" || !Number.isFinite(value)) return `expects ${type}, got ${shown}`;
      if (type === "INT" && !Number.isInteger(value)) return `expects an integer, got ${shown}`;
      if (opts.min !== undefined && value < opts.min) return `value ${value} is below the minimum ${opts.min}`;
      if (opts.max !== undefined && value > opts.max) return `value ${value} is above the maximum ${opts.max}`;
      const min = opts.min ?? 0;
      if (type === "INT" && opts.step && (value - min) % opts.step !== 0) return `value ${value} is off-step (min ${min}, step ${opts.step})`;
      return null;
    }
    case "STRING":
      return typeof value === "string" ? null : `expects STRING, got ${shown}`;
    case "BOOLEAN":
      return typeof value === "boolean" ? null : `expects BOOLEAN, got ${shown}`;
    default:
      return `expects a ${type} link, got ${shown}`;
  }
}

export function validateWorkflow(workflow: ApiWorkflow, objectInfo: ObjectInfo, options: { images?: readonly string[] } = {}): string[] {
  const images = options.images ?? [];
  const problems: string[] = [];
  let hasOutput = false;

  for (const [id, node] of Object.entries(workflow)) {
    const problem = (msg: string) => problems.push(`Node ${id} (${node.class_type}): ${msg}`);
    const def = objectInfo[node.class_type];
    if (!def) {
      problem("unknown class_type");
      continue;
    }
    if (def.output_node) hasOutput = true;
    const required: Inputs = { ...def.input.required };
    const declared: Inputs = { ...def.input.optional, ...required };
    // A dynamic combo's chosen option adds its inputs, named `<combo>.<input>`.
    for (const [name, spec] of Object.entries(declared)) {
      const chosen = choices(spec).find((c) => c.key === node.inputs[name]);
      for (const [sub, subSpec] of Object.entries(chosen?.inputs?.optional ?? {})) declared[`${name}.${sub}`] = subSpec;
      for (const [sub, subSpec] of Object.entries(chosen?.inputs?.required ?? {})) declared[`${name}.${sub}`] = required[`${name}.${sub}`] = subSpec;
    }

    for (const name of Object.keys(required)) {
      if (node.inputs[name] === undefined) problem(`required input '${name}' is missing`);
    }
    for (const [name, value] of Object.entries(node.inputs)) {
      const spec = declared[name];
      if (!spec) {
        problem(`unknown input '${name}'`);
        continue;
      }
      if (value === undefined) continue;
      if (!isLink(value)) {
        const msg = checkLiteral(spec, value, images);
        if (msg) problem(`input '${name}': ${msg}`);
        continue;
      }
      const [from, index] = value;
      const source = workflow[from];
      if (!source) {
        problem(`input '${name}' links to missing node ${from}`);
        continue;
      }
      const outputs = objectInfo[source.class_type]?.output;
      if (!outputs) continue; // reported at the source node
      const output = outputs[index];
      if (!Number.isInteger(index) || output === undefined) {
        problem(`input '${name}' links to output ${index} of node ${from} (${source.class_type}), which has ${outputs.length} output(s)`);
        continue;
      }
      const want = typeName(spec[0]);
      const got = typeName(output);
      if (!typesMatch(got, want)) problem(`input '${name}' expects ${want} but node ${from} (${source.class_type}) output ${index} is ${got}`);
    }
  }

  if (!hasOutput) problems.push("Workflow has no output node (e.g. SaveVideo)");
  return problems;
}
