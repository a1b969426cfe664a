import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { OBJECT_INFO, validateWorkflow } from "@/lib/render/comfyui/validate";
import { runpodTestInput, TEST_INPUT_PATH } from "./runpod-test-input";

describe("infra/runpod/test_input.json", () => {
  it("is exactly what scripts/runpod-test-input.ts generates from buildWorkflow (run it after changing the graph)", () => {
    expect(fs.readFileSync(TEST_INPUT_PATH, "utf8")).toBe(runpodTestInput());
  });

  it("is in worker-comfyui's shape and passes the ComfyUI node definitions", () => {
    const parsed = JSON.parse(fs.readFileSync(TEST_INPUT_PATH, "utf8")) as { input: { workflow: Parameters<typeof validateWorkflow>[0] } };
    expect(Object.keys(parsed)).toEqual(["input"]);
    expect(validateWorkflow(parsed.input.workflow, OBJECT_INFO)).toEqual([]);
    expect(parsed.input.workflow["58"]?.class_type).toBe("SaveVideo");
  });
});
