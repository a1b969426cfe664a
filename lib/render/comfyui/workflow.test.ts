import { describe, expect, it } from "vitest";
import { OBJECT_INFO, validateWorkflow, type ApiWorkflow } from "./validate";
import { buildWorkflow, type WorkflowRequest } from "./workflow";

const base: WorkflowRequest = { prompt: "a red fox in snow", negativePrompt: "blurry, static", duration: 5, width: 1280, height: 720, fps: 24, seed: 42 };
const images = ["ref.png", "scene-7.jpg"];

const cases: Partial<WorkflowRequest>[] = [
  {},
  { duration: 1 },
  { duration: 30 },
  { duration: 2.5, fps: 30 },
  { duration: 7, fps: 60 },
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920, fps: 25 },
  { width: 640, height: 360, duration: 3 },
  { width: 10, height: 10 },
  { referenceImage: "ref.png" },
  { referenceImage: "scene-7.jpg", width: 1920, height: 1080, duration: 30 },
  { referenceImage: "example.png", duration: 1, fps: 16 },
];

describe("buildWorkflow", () => {
  it.each(cases)("builds a graph the ComfyUI node definitions accept: %o", (over) => {
    const req = { ...base, ...over };
    const { workflow, frames, width, height } = buildWorkflow(req);
    expect(validateWorkflow(workflow, OBJECT_INFO, { images })).toEqual([]);

    const wanted = Math.round(req.duration * req.fps);
    expect((frames - 1) % 4).toBe(0);
    expect(frames).toBeGreaterThanOrEqual(wanted);
    expect(frames).toBeLessThan(wanted + 4);
    expect(width % 32).toBe(0);
    expect(height % 32).toBe(0);
    expect(Math.abs(width - req.width)).toBeLessThanOrEqual(Math.max(16, 32 - req.width));
    expect(Math.abs(height - req.height)).toBeLessThanOrEqual(Math.max(16, 32 - req.height));
    expect(workflow["55"]!.inputs).toMatchObject({ width, height, length: frames, batch_size: 1 });
  });

  it("rounds sizes to multiples of 32 and frames up to 4k+1", () => {
    expect(buildWorkflow(base)).toMatchObject({ width: 1280, height: 704, frames: 121 });
    expect(buildWorkflow({ ...base, width: 1920, height: 1080, duration: 1 })).toMatchObject({ width: 1920, height: 1088, frames: 25 });
    expect(buildWorkflow({ ...base, duration: 30, fps: 30 }).frames).toBe(901);
    expect(buildWorkflow({ ...base, duration: 0.01 }).frames).toBe(1);
  });

  it("puts prompt, negative prompt, seed and fps in their nodes", () => {
    const { workflow } = buildWorkflow({ ...base, seed: 123456789, fps: 30 });
    expect(workflow["6"]).toMatchObject({ class_type: "CLIPTextEncode", inputs: { text: base.prompt, clip: ["38", 0] } });
    expect(workflow["7"]).toMatchObject({ class_type: "CLIPTextEncode", inputs: { text: base.negativePrompt, clip: ["38", 0] } });
    expect(workflow["3"]).toMatchObject({ class_type: "KSampler", inputs: { seed: 123456789, positive: ["6", 0], negative: ["7", 0] } });
    expect(workflow["57"]).toMatchObject({ class_type: "CreateVideo", inputs: { fps: 30 } });
    expect(Object.values(workflow).every((n) => n._meta?.title)).toBe(true);
  });

  it("text-to-video has no LoadImage; image-to-video links it into 55.start_image", () => {
    const t2v = buildWorkflow(base).workflow;
    expect(t2v["56"]).toBeUndefined();
    expect(t2v["55"]!.inputs.start_image).toBeUndefined();

    const i2v = buildWorkflow({ ...base, referenceImage: "ref.png" }).workflow;
    expect(i2v["56"]).toMatchObject({ class_type: "LoadImage", inputs: { image: "ref.png" } });
    expect(i2v["55"]!.inputs.start_image).toEqual(["56", 0]);
  });

  it("returns a fresh graph each call", () => {
    const a = buildWorkflow({ ...base, referenceImage: "ref.png" }).workflow;
    a["3"]!.inputs.seed = 7;
    const b = buildWorkflow(base).workflow;
    expect(b["3"]!.inputs.seed).toBe(42);
    expect(b["55"]!.inputs.start_image).toBeUndefined();
  });
});

describe("validateWorkflow", () => {
  /** A valid i2v graph, changed by `edit`; returns the problems found. */
  const problems = (edit: (wf: ApiWorkflow) => void) => {
    const { workflow } = buildWorkflow({ ...base, referenceImage: "ref.png" });
    edit(workflow);
    return validateWorkflow(workflow, OBJECT_INFO, { images });
  };
  const expectOne = (found: string[], ...parts: string[]) => {
    expect(found).toHaveLength(1);
    for (const part of parts) expect(found[0]).toContain(part);
  };

  it("unknown class_type", () => {
    expectOne(
      problems((wf) => {
        wf["99"] = { class_type: "WanVideoSampler", inputs: {} };
      }),
      "Node 99 (WanVideoSampler)",
      "unknown class_type",
    );
  });

  it("missing required input", () => {
    expectOne(
      problems((wf) => {
        delete wf["3"]!.inputs.steps;
      }),
      "Node 3 (KSampler)",
      "'steps'",
      "missing",
    );
  });

  it("unknown input", () => {
    expectOne(
      problems((wf) => {
        wf["3"]!.inputs.guidance = 3.5;
      }),
      "Node 3 (KSampler)",
      "unknown input 'guidance'",
    );
  });

  it("link to a missing node", () => {
    expectOne(
      problems((wf) => {
        wf["3"]!.inputs.positive = ["66", 0];
      }),
      "Node 3 (KSampler)",
      "'positive'",
      "missing node 66",
    );
  });

  it("link to an output index out of range", () => {
    expectOne(
      problems((wf) => {
        wf["8"]!.inputs.vae = ["39", 1];
      }),
      "Node 8 (VAEDecode)",
      "'vae'",
      "output 1 of node 39",
    );
  });

  it("link of the wrong type (CLIP into KSampler.model)", () => {
    expectOne(
      problems((wf) => {
        wf["3"]!.inputs.model = ["38", 0];
      }),
      "Node 3 (KSampler)",
      "'model'",
      "expects MODEL",
      "is CLIP",
    );
  });

  it("literal where a link is expected", () => {
    expectOne(
      problems((wf) => {
        wf["57"]!.inputs.images = "frames.png";
      }),
      "Node 57 (CreateVideo)",
      "'images'",
      "IMAGE link",
    );
  });

  it("combo value not installed (unknown unet_name)", () => {
    expectOne(
      problems((wf) => {
        wf["37"]!.inputs.unet_name = "wan2.2_t2v_14B_fp8.safetensors";
      }),
      "Node 37 (UNETLoader)",
      "'unet_name'",
      "not in list",
    );
  });

  it("LoadImage accepts the server's images and those uploaded with the job, nothing else", () => {
    expect(problems((wf) => void (wf["56"]!.inputs.image = "example.png"))).toEqual([]);
    expect(problems((wf) => void (wf["56"]!.inputs.image = "scene-7.jpg"))).toEqual([]);
    expectOne(
      problems((wf) => void (wf["56"]!.inputs.image = "other.png")),
      "Node 56 (LoadImage)",
      "'image'",
      "not in list",
    );
  });

  it("INT out of range", () => {
    expectOne(
      problems((wf) => {
        wf["3"]!.inputs.steps = 0;
      }),
      "Node 3 (KSampler)",
      "'steps'",
      "below the minimum 1",
    );
    expectOne(
      problems((wf) => {
        wf["55"]!.inputs.width = 16416;
      }),
      "Node 55 (Wan22ImageToVideoLatent)",
      "'width'",
      "above the maximum 16384",
    );
  });

  it("INT off-step (length 50; 4k+1 is on-step)", () => {
    expectOne(
      problems((wf) => {
        wf["55"]!.inputs.length = 50;
      }),
      "Node 55 (Wan22ImageToVideoLatent)",
      "'length'",
      "off-step",
    );
    expect(problems((wf) => void (wf["55"]!.inputs.length = 49))).toEqual([]);
  });

  it("wrong literal types: INT not integer, FLOAT not number, STRING not string", () => {
    const found = problems((wf) => {
      wf["3"]!.inputs.seed = 1.5;
      wf["3"]!.inputs.cfg = "5";
      wf["6"]!.inputs.text = 12;
    });
    expect(found).toEqual([
      expect.stringMatching(/^Node 3 \(KSampler\): input 'seed'/),
      expect.stringMatching(/^Node 3 \(KSampler\): input 'cfg'/),
      expect.stringMatching(/^Node 6 \(CLIPTextEncode\): input 'text'/),
    ]);
  });

  it("no output node", () => {
    expectOne(
      problems((wf) => {
        delete wf["58"];
      }),
      "no output node",
    );
  });
});
