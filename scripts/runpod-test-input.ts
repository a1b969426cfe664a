/**
 * Writes infra/runpod/test_input.json: one scene as the app sends it to RunPod (worker-comfyui's
 * `{"input": {"workflow": …}}`), built by the app's own buildWorkflow, so that the GPU image can be
 * smoke-tested with exactly the graph production uses (worker-comfyui runs test_input.json when
 * started locally; see infra/runpod/README in infra/README.md).
 *
 *   tsx scripts/runpod-test-input.ts           # (re)write the file
 *   tsx scripts/runpod-test-input.ts --check   # exit 1 when the committed file has drifted
 *
 * A short 2-second 1280x704 text-to-video scene keeps the local GPU test quick.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { OBJECT_INFO, validateWorkflow } from "@/lib/render/comfyui/validate";
import { buildWorkflow, WORKFLOW_VERSION, type WorkflowRequest } from "@/lib/render/comfyui/workflow";
import { planSegments } from "@/lib/render/segments";

export const TEST_INPUT_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "infra", "runpod", "test_input.json");

/** A 2-second scene: one segment (planSegments), text-to-video. */
export const TEST_SCENE: WorkflowRequest = {
  prompt: "A red fox trots through fresh snow in a birch forest at dawn, soft golden light, cinematic",
  negativePrompt: "blurry, low quality, static, watermark, text",
  width: 1280,
  height: 720,
  seed: 42,
  segment: planSegments(2)[0]!,
};

/** The file's exact text (2-space JSON, trailing newline). */
export function runpodTestInput(): string {
  const { workflow } = buildWorkflow(TEST_SCENE);
  const problems = validateWorkflow(workflow, OBJECT_INFO);
  if (problems.length) throw new Error(`the test workflow does not validate:\n${problems.join("\n")}`);
  return `${JSON.stringify({ input: { workflow } }, null, 2)}\n`;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const text = runpodTestInput();
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(TEST_INPUT_PATH) ? fs.readFileSync(TEST_INPUT_PATH, "utf8") : "";
    if (current !== text) {
      process.stderr.write(`${path.relative(process.cwd(), TEST_INPUT_PATH)} differs from buildWorkflow (${WORKFLOW_VERSION}): run \`tsx scripts/runpod-test-input.ts\`\n`);
      process.exit(1);
    }
    process.stdout.write(`${path.relative(process.cwd(), TEST_INPUT_PATH)} matches buildWorkflow (${WORKFLOW_VERSION})\n`);
  } else {
    fs.writeFileSync(TEST_INPUT_PATH, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), TEST_INPUT_PATH)} (${WORKFLOW_VERSION})\n`);
  }
}
