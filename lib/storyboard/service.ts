import type { Principal } from "@/lib/auth/principal";
import { creditBalance } from "@/lib/credits/service";
import { config } from "@/lib/config";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { parseUrn, userUrn } from "@/lib/urn";
import { assertKeyReaches, ownerAccess } from "@/lib/urn/access";
import { dbAssetResolver } from "./assets";
import { estimateStoryboard } from "./estimate";
import { formatStoryboardPath, type StoryboardIssue } from "./issues";
import { detectFormat, MAX_SOURCE_BYTES, parseStoryboardSource, type ParsedSource, type SourceFormat } from "./parse";
import type { EstimateRequest } from "./schemas";
import { validateStoryboard, type ValidationResult } from "./validate";

/** Scenes generated at once: personal owners 2, team owners 4 (see spec/storyboard.md). */
export const SCENE_PARALLELISM = { personal: 2, team: 4 } as const;

function parseFailure(error: StoryboardIssue): ValidationResult {
  return { valid: false, errors: [error], warnings: [] };
}

/** Validates storyboard text (YAML or JSON): a document that does not parse is just invalid. */
export async function validateSource(
  db: DbOrTx,
  principal: Principal,
  text: string,
  format: SourceFormat | null,
): Promise<ValidationResult & { source?: ParsedSource }> {
  const parsed = parseStoryboardSource(text, format ?? detectFormat(text));
  if (!parsed.ok) return parseFailure(parsed.error);
  const result = await validateStoryboard(parsed.source.value, { source: parsed.source, assets: dbAssetResolver(db, principal) });
  return { ...result, source: parsed.source };
}

/** Validates a storyboard given as an object (size limit as serialized JSON) or as text. */
export async function validateSpecInput(db: DbOrTx, principal: Principal, spec: string | Record<string, unknown>) {
  if (typeof spec === "string") return validateSource(db, principal, spec, null);
  const bytes = Buffer.byteLength(JSON.stringify(spec), "utf8");
  if (bytes > MAX_SOURCE_BYTES) {
    return parseFailure({
      path: formatStoryboardPath([]),
      message: `The storyboard is larger than 100 KB (${bytes} bytes).`,
      limit: MAX_SOURCE_BYTES,
    });
  }
  return validateStoryboard(spec, { assets: dbAssetResolver(db, principal) });
}

export function publicResult(r: ValidationResult) {
  return { valid: r.valid, errors: r.errors, warnings: r.warnings };
}

async function ownerBalance(db: DbOrTx, principal: Principal, owner: string) {
  assertKeyReaches(principal, owner);
  const access = await ownerAccess(db, principal.user, owner);
  if (!access.ok) throw AppError.forbidden(access.reason);
  return creditBalance(db, parseUrn(owner)!);
}

/** POST /v1/spec/estimate: 422 with the validation issues unless the storyboard is valid. */
export async function estimateSpec(db: DbOrTx, principal: Principal, input: EstimateRequest) {
  const result = await validateSpecInput(db, principal, input.spec);
  if (!result.valid || !result.storyboard || !result.plan) {
    throw new AppError("VALIDATION_ERROR", "The storyboard is invalid.", { errors: result.errors, warnings: result.warnings });
  }
  const owner = input.owner ?? principal.apiKey?.owner ?? userUrn(principal.user.id);
  const parallelism = owner.startsWith("framecast:user:") ? SCENE_PARALLELISM.personal : SCENE_PARALLELISM.team;
  const c = config();
  const estimate = estimateStoryboard(result.storyboard, result.plan, input.options, {
    parallelism,
    creditsPerSecond: c.CREDITS_PER_SECOND,
    genSecondsPerVideoSecond: c.GEN_SECONDS_PER_VIDEO_SECOND,
    backend: c.RENDER_BACKEND,
    workerConcurrency: c.RENDER_WORKER_CONCURRENCY,
  });
  const body: Record<string, unknown> = { ...estimate, warnings: result.warnings };
  if (input.owner) {
    const balance = await ownerBalance(db, principal, input.owner);
    Object.assign(body, { balance, sufficient_credits: balance >= estimate.estimated_credits });
  }
  return body;
}
