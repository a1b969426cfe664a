/**
 * The Anthropic Messages API through @anthropic-ai/sdk, with the storyboard tool forced. Failures
 * become 503 SERVICE_UNAVAILABLE with a message for the user; the details (never the key) are
 * logged.
 */
import Anthropic from "@anthropic-ai/sdk";
import { config } from "@/lib/config";
import { AppError } from "@/lib/http/errors";
import { log } from "@/lib/log";
import { storyboardTool, SYSTEM_PROMPT, TOOL_NAME } from "./prompt";

export type Message = Anthropic.MessageParam;
export type Reply = Anthropic.Message;

const MAX_TOKENS = 16_000;
/** A draft takes tens of seconds; past this the user is better served by an error and a retry. */
const TIMEOUT_MS = 120_000;

let client: Anthropic | undefined;

function anthropic(): Anthropic {
  const c = config();
  if (!c.ANTHROPIC_API_KEY) {
    throw new AppError("SERVICE_UNAVAILABLE", "The AI assistant is not enabled on this server (ANTHROPIC_API_KEY is not set). Write the storyboard by hand, or ask the operator to enable it.");
  }
  client ??= new Anthropic({ apiKey: c.ANTHROPIC_API_KEY, baseURL: c.ANTHROPIC_BASE_URL, maxRetries: 2, timeout: TIMEOUT_MS });
  return client;
}

export function assistantEnabled(): boolean {
  return !!config().ANTHROPIC_API_KEY;
}

/** For tests that change the environment. */
export function resetAssistantClient(): void {
  client = undefined;
}

function unavailable(err: unknown): AppError {
  const status = err instanceof Anthropic.APIError ? err.status : undefined;
  log.warn({ err: err instanceof Error ? err.message : String(err), status }, "anthropic request failed");
  if (status === 401 || status === 403) return new AppError("SERVICE_UNAVAILABLE", "The AI assistant is misconfigured on this server. Please tell the operator.");
  if (status === 400 || status === 413) return new AppError("SERVICE_UNAVAILABLE", "The AI assistant could not take this request; try a shorter brief or storyboard.");
  return new AppError("SERVICE_UNAVAILABLE", "The AI assistant is busy or unreachable right now. Try again in a minute.", undefined, { "Retry-After": "30" });
}

export async function askForStoryboard(messages: Message[]): Promise<Reply> {
  const api = anthropic();
  try {
    return await api.messages.create({
      model: config().ANTHROPIC_MODEL,
      max_tokens: MAX_TOKENS,
      system: SYSTEM_PROMPT,
      tools: [storyboardTool() as Anthropic.Tool],
      tool_choice: { type: "tool", name: TOOL_NAME },
      messages,
    });
  } catch (err) {
    throw unavailable(err);
  }
}
