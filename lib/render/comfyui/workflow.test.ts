import { describe, expect, it } from "vitest";
import { planSegments } from "../segments";
import { OBJECT_INFO, validateWorkflow, type ApiWorkflow, type ObjectInfo } from "./validate";
import { buildWorkflow, type WorkflowRequest } from "./workflow";

const one = planSegments(5)[0]!;
const base: WorkflowRequest = { prompt: "a red fox in snow", negativePrompt: "blurry, static", width: 1280, height: 720, seed: 42, segment: one };
const images = ["ref.png", "scene-7.jpg"];

const chain = planSegments(30);
const cases: Partial<WorkflowRequest>[] = [
  {},
  { segment: planSegments(1)[0]! },
  { segment: chain[0]! },
  { segment: chain[3]!, startImage: "ref.png" },
  { segment: chain[5]!, startImage: "ref.png" },
  { segment: planSegments(7)[1]!, startImage: "ref.png" },
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
  { width: 1080, height: 1080 },
  { width: 10, height: 10 },
  { startImage: "ref.png" },
  { startImage: "scene-7.jpg", width: 1920, height: 1080 },
  { startImage: "example.png", segment: planSegments(0.2)[0]! },
];

describe("buildWorkflow", () => {
  it.each(cases)("builds a graph the ComfyUI node definitions accept: %o", (over) => {
    const req = { ...base, ...over };
    const { workflow, frames, width, height } = buildWorkflow(req);
    expect(validateWorkflow(workflow, OBJECT_INFO, { images })).toEqual([]);
    expect(frames).toBe(req.segment.frames);
    expect(frames).toBeLessThanOrEqual(121);
    expect([width % 32, height % 32]).toEqual([0, 0]);
    expect(workflow["55"]!.inputs).toMatchObject({ width, height, length: frames, batch_size: 1 });
    expect(workflow["57"]!.inputs.fps).toBe(24);
  });

  it("generates at the model's native size and 24 fps whatever the output (1080p, 9:16)", () => {
    expect(buildWorkflow(base)).toMatchObject({ width: 1280, height: 704, frames: 121 });
    expect(buildWorkflow({ ...base, width: 1920, height: 1080 })).toMatchObject({ width: 1280, height: 704 });
    expect(buildWorkflow({ ...base, width: 1080, height: 1920 })).toMatchObject({ width: 704, height: 1280 });
  });

  it("a later segment drops its start frame from the video; all but the last also save their last frame", () => {
    const first = buildWorkflow({ ...base, segment: chain[0]! }).workflow;
    expect(first["57"]!.inputs.images).toEqual(["8", 0]);
    expect(first["61"]).toMatchObject({ class_type: "ImageFromBatch", inputs: { image: ["8", 0], batch_index: 120, length: 1 } });
    expect(first["62"]).toMatchObject({ class_type: "SaveImage", inputs: { images: ["61", 0] } });
    const middle = buildWorkflow({ ...base, segment: chain[2]!, startImage: "ref.png" }).workflow;
    expect(middle["60"]).toMatchObject({ class_type: "ImageFromBatch", inputs: { image: ["8", 0], batch_index: 1, length: 120 } });
    expect(middle["57"]!.inputs.images).toEqual(["60", 0]);
    expect(middle["3"]!.inputs.seed).toBe(44);
    const last = buildWorkflow({ ...base, segment: chain[5]!, startImage: "ref.png" }).workflow;
    expect(last["61"]).toBeUndefined();
    expect(last["62"]).toBeUndefined();
    expect(buildWorkflow(base).workflow["60"]).toBeUndefined();
  });

  it("puts prompt, negative prompt and seed in their nodes", () => {
    const { workflow } = buildWorkflow({ ...base, seed: 123456789 });
    expect(workflow["6"]).toMatchObject({ class_type: "CLIPTextEncode", inputs: { text: base.prompt, clip: ["38", 0] } });
    expect(workflow["7"]).toMatchObject({ class_type: "CLIPTextEncode", inputs: { text: base.negativePrompt, clip: ["38", 0] } });
    expect(workflow["3"]).toMatchObject({ class_type: "KSampler", inputs: { seed: 123456789, positive: ["6", 0], negative: ["7", 0] } });
    expect(Object.values(workflow).every((n) => n._meta?.title)).toBe(true);
  });

  it("text-to-video has no LoadImage; image-to-video links it into 55.start_image", () => {
    const t2v = buildWorkflow(base).workflow;
    expect(t2v["56"]).toBeUndefined();
    expect(t2v["55"]!.inputs.start_image).toBeUndefined();

    const i2v = buildWorkflow({ ...base, startImage: "ref.png" }).workflow;
    expect(i2v["56"]).toMatchObject({ class_type: "LoadImage", inputs: { image: "ref.png" } });
    expect(i2v["55"]!.inputs.start_image).toEqual(["56", 0]);
  });

  it("returns a fresh graph each call", () => {
    const a = buildWorkflow({ ...base, startImage: "ref.png" }).workflow;
    a["3"]!.inputs.seed = 7;
    const b = buildWorkflow(base).workflow;
    expect(b["3"]!.inputs.seed).toBe(42);
    expect(b["55"]!.inputs.start_image).toBeUndefined();
  });
});

describe("validateWorkflow: the current /object_info spellings", () => {
  const saveVideo = (format: unknown): ObjectInfo => ({
    ...OBJECT_INFO,
    SaveVideo: { ...OBJECT_INFO.SaveVideo!, input: { required: { video: ["VIDEO", {}], filename_prefix: ["STRING", {}], format: format as never } } },
  });
  const dynamic = ["COMFY_DYNAMICCOMBO_V3", { options: [{ key: "auto", inputs: { required: {} } }, { key: "mp4", inputs: { required: { codec: ["COMBO", { options: ["auto", "h264"] }] } } }] }];
  const graph = (inputs: Record<string, unknown>) => {
    const { workflow } = buildWorkflow(base);
    workflow["58"]!.inputs = { video: ["57", 0], filename_prefix: "x", ...inputs };
    return workflow;
  };

  it("COMBO with an options list, option objects with a key", () => {
    expect(validateWorkflow(graph({ format: "mp4" }), saveVideo(["COMBO", { options: ["auto", "mp4"] }]))).toEqual([]);
    expect(validateWorkflow(graph({ format: "mp4" }), saveVideo(["COMBO", { options: [{ key: "auto" }, { key: "mp4" }] }]))).toEqual([]);
    expect(validateWorkflow(graph({ format: "avi" }), saveVideo(["COMBO", { options: ["auto", "mp4"] }]))[0]).toContain("not in list");
  });

  it("a dynamic combo: the chosen option's inputs are `<combo>.<input>`, required ones checked", () => {
    expect(validateWorkflow(graph({ format: "mp4", "format.codec": "h264" }), saveVideo(dynamic))).toEqual([]);
    expect(validateWorkflow(graph({ format: "auto" }), saveVideo(dynamic))).toEqual([]);
    expect(validateWorkflow(graph({ format: "mp4" }), saveVideo(dynamic))[0]).toContain("'format.codec' is missing");
    expect(validateWorkflow(graph({ format: "mp4", "format.codec": "vp9" }), saveVideo(dynamic))[0]).toContain("not in list");
    expect(validateWorkflow(graph({ format: "webm" }), saveVideo(dynamic))[0]).toContain("not in list");
  });
});

describe("validateWorkflow", () => {
  /** A valid i2v graph, changed by `edit`; returns the problems found. */
  const problems = (edit: (wf: ApiWorkflow) => void) => {
    const { workflow } = buildWorkflow({ ...base, startImage: "ref.png" });
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
