/**
 * What Claude is told: the storyboard language in brief, the system sounds it may use, the
 * request's constraints, and (when revising) the storyboard to change. The storyboard itself comes
 * back through a tool whose input schema is the storyboard's JSON Schema.
 */
import { stringify } from "yaml";
import { storyboardJsonSchema } from "@/lib/storyboard/schema";
import { SYSTEM_ASSETS } from "@/lib/system-assets/catalog";
import type { GenerateSpecRequest } from "./schemas";

export const TOOL_NAME = "submit_storyboard";

export function storyboardTool() {
  // The API takes a plain JSON Schema object: drop the meta keys.
  const schema = Object.fromEntries(Object.entries(storyboardJsonSchema()).filter(([k]) => k !== "$id" && k !== "$schema"));
  return {
    name: TOOL_NAME,
    description: "Submit the finished Framecast storyboard. Call it exactly once with the whole storyboard.",
    input_schema: { ...schema, type: "object" as const },
  };
}

const SOUNDS = SYSTEM_ASSETS.map((a) => `- ${a.id} (${a.seconds} s): ${a.description.split(":")[0]}`).join("\n");

export const SYSTEM_PROMPT = `You write storyboards for Framecast, which turns them into AI-generated videos.
A storyboard has a title, optional global_prompt {positive, negative}, optional symbols (recurring
characters and places, referred to in scene prompts as @name), scenes (id, prompt, duration in
seconds 1–30, optional audio), optional transitions and an optional timeline (scenes, transitions,
flashbacks, montages). Each scene is generated separately by a video model, so every scene prompt
must describe one continuous shot visually and concretely (subject, action, setting, light, camera).
Put recurring characters and places in symbols and mention them with @name so they look the same
in every scene. Keep scenes between 3 and 8 seconds unless asked otherwise; the total must stay
under 300 seconds. Use only these system sounds (asset ids) for music, ambient, sfx and transition
audio, and only when they fit:
${SOUNDS}
Dialogue lines need a speaker symbol with a voice asset; leave dialogue out unless the brief asks
for it. Always answer by calling the ${TOOL_NAME} tool with the complete storyboard.`;

export function userPrompt(req: GenerateSpecRequest, base?: Record<string, unknown>): string {
  const wants = [
    req.duration_seconds ? `- Total length: about ${req.duration_seconds} seconds.` : null,
    req.scenes ? `- Exactly ${req.scenes} scenes.` : null,
    req.style ? `- Visual style: ${req.style}.` : null,
  ].filter(Boolean);
  const parts = [base ? `Revise this storyboard as asked below. Keep what is not asked to change.\n\n${stringify(base)}` : null, `Brief:\n${req.brief}`, wants.length ? `Constraints:\n${wants.join("\n")}` : null];
  return parts.filter(Boolean).join("\n\n");
}

/** The validator's findings, sent back for a repair round. */
export function repairPrompt(errors: { path: string; message: string }[]): string {
  return `The storyboard is invalid. Fix every problem below and call ${TOOL_NAME} again with the whole corrected storyboard:\n${errors.map((e) => `- ${e.path}: ${e.message}`).join("\n")}`;
}
