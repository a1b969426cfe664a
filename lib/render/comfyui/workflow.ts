/**
 * One scene as a ComfyUI API-format workflow: Wan 2.2 TI2V-5B text-to-video, or image-to-video from a
 * reference image uploaded with the job (same model). Node ids and settings follow the official
 * template (Comfy-Org/workflow_templates video_wan2_2_5B_ti2v); only core nodes are used.
 */
import type { SceneRenderRequest } from "../types";
import type { ApiWorkflow } from "./validate";

/** Names the graph and its settings; bump it when the output for the same request would change. */
export const WORKFLOW_VERSION = "wan2.2-ti2v-5b@1";

/** The scene's generation settings; `referenceImage` is the filename of an image uploaded with the job (worker-comfyui `input.images`), e.g. "ref.png". */
export type WorkflowRequest = Pick<SceneRenderRequest, "prompt" | "negativePrompt" | "duration" | "width" | "height" | "fps" | "seed"> & {
  referenceImage?: string;
};

/**
 * The VAE downsamples by 16 and the 5B model patchifies by 2: sides must be multiples of 32. Ties
 * round down, so 720 becomes 704 (the model's native 1280x704) rather than 736.
 */
const side = (n: number) => Math.max(32, Math.ceil(n / 32 - 0.5) * 32);

/** Wan generates 4k+1 frames; the stitcher trims the extra. */
const frameCount = (duration: number, fps: number) => Math.ceil((Math.max(1, Math.round(duration * fps)) - 1) / 4) * 4 + 1;

const node = (class_type: string, title: string, inputs: Record<string, unknown>) => ({ class_type, inputs, _meta: { title } });

export function buildWorkflow(req: WorkflowRequest): { workflow: ApiWorkflow; frames: number; width: number; height: number } {
  const width = side(req.width);
  const height = side(req.height);
  const frames = frameCount(req.duration, req.fps);

  const workflow: ApiWorkflow = {
    "37": node("UNETLoader", "Load Diffusion Model", { unet_name: "wan2.2_ti2v_5B_fp16.safetensors", weight_dtype: "default" }),
    "38": node("CLIPLoader", "Load CLIP", { clip_name: "umt5_xxl_fp8_e4m3fn_scaled.safetensors", type: "wan", device: "default" }),
    "39": node("VAELoader", "Load VAE", { vae_name: "wan2.2_vae.safetensors" }),
    "48": node("ModelSamplingSD3", "ModelSamplingSD3", { model: ["37", 0], shift: 8 }),
    "6": node("CLIPTextEncode", "CLIP Text Encode (Positive Prompt)", { clip: ["38", 0], text: req.prompt }),
    "7": node("CLIPTextEncode", "CLIP Text Encode (Negative Prompt)", { clip: ["38", 0], text: req.negativePrompt }),
    "55": node("Wan22ImageToVideoLatent", "Wan22ImageToVideoLatent", { vae: ["39", 0], width, height, length: frames, batch_size: 1 }),
    "3": node("KSampler", "KSampler", {
      model: ["48", 0],
      positive: ["6", 0],
      negative: ["7", 0],
      latent_image: ["55", 0],
      seed: req.seed,
      steps: 20,
      cfg: 5,
      sampler_name: "uni_pc",
      scheduler: "simple",
      denoise: 1,
    }),
    "8": node("VAEDecode", "VAE Decode", { samples: ["3", 0], vae: ["39", 0] }),
    "57": node("CreateVideo", "Create Video", { images: ["8", 0], fps: req.fps }),
    "58": node("SaveVideo", "Save Video", { video: ["57", 0], filename_prefix: "framecast/scene", format: "mp4", codec: "h264" }),
  };
  if (req.referenceImage) {
    workflow["56"] = node("LoadImage", "Load Image", { image: req.referenceImage });
    workflow["55"]!.inputs.start_image = ["56", 0];
  }
  return { workflow, frames, width, height };
}
