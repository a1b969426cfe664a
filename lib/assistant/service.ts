/**
 * POST /v1/spec/generate (spec part 4 §7): Claude drafts (or revises) a storyboard through a tool
 * whose schema is the storyboard's; our validator checks it, and up to two repair rounds send the
 * errors back. The answer carries the storyboard (object and YAML), its validation, the estimate
 * when it is valid, and the tokens used. A draft still invalid after the repairs is returned as is,
 * with its errors, for the user to finish in the editor.
 */
import { stringify } from "yaml";
import type { Principal } from "@/lib/auth/principal";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { orderStoryboardKeys } from "@/lib/storyboard/key-order";
import { detectFormat, parseStoryboardSource } from "@/lib/storyboard/parse";
import { estimateSpec, publicResult, validateSpecInput } from "@/lib/storyboard/service";
import { askForStoryboard, type Message } from "./claude";
import { repairPrompt, TOOL_NAME, userPrompt } from "./prompt";
import type { GenerateSpecRequest } from "./schemas";

export const MAX_REPAIR_ROUNDS = 2;

function baseSpec(input: GenerateSpecRequest["base_spec"]): Record<string, unknown> | undefined {
  if (input === undefined || typeof input !== "string") return input;
  const parsed = parseStoryboardSource(input, detectFormat(input));
  if (!parsed.ok) throw AppError.validation([{ path: "base_spec", message: `Not a readable storyboard: ${parsed.error.message}` }]);
  const value = parsed.source.value;
  if (!value || typeof value !== "object" || Array.isArray(value)) throw AppError.validation([{ path: "base_spec", message: "The storyboard must be an object." }]);
  return value as Record<string, unknown>;
}

export async function generateSpec(db: DbOrTx, principal: Principal, req: GenerateSpecRequest) {
  const base = baseSpec(req.base_spec);
  const messages: Message[] = [{ role: "user", content: userPrompt(req, base) }];
  const usage = { input_tokens: 0, output_tokens: 0 };
  for (let round = 0; ; round++) {
    const reply = await askForStoryboard(messages);
    usage.input_tokens += reply.usage.input_tokens;
    usage.output_tokens += reply.usage.output_tokens;
    const call = reply.content.find((b) => b.type === "tool_use" && b.name === TOOL_NAME);
    if (!call || call.type !== "tool_use" || !call.input || typeof call.input !== "object") {
      throw new AppError("SERVICE_UNAVAILABLE", "The AI assistant did not return a storyboard. Try again, or rephrase the brief.");
    }
    const spec = call.input as Record<string, unknown>;
    const validation = await validateSpecInput(db, principal, spec);
    if (validation.valid || round === MAX_REPAIR_ROUNDS) {
      const ordered = orderStoryboardKeys(spec) as Record<string, unknown>;
      return {
        spec: ordered,
        yaml: stringify(ordered, { lineWidth: 0 }),
        validation: publicResult(validation),
        estimate: validation.valid ? await estimateSpec(db, principal, { spec }) : null,
        usage,
        repair_rounds: round,
      };
    }
    messages.push(
      { role: "assistant", content: reply.content },
      { role: "user", content: [{ type: "tool_result", tool_use_id: call.id, is_error: true, content: repairPrompt(validation.errors) }] },
    );
  }
}
