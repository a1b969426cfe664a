/**
 * One segment of a scene as a ComfyUI API-format workflow: Wan 2.2 TI2V-5B text-to-video, or
 * image-to-video from a start image uploaded with the job (a symbol's reference image, or the
 * previous segment's last frame; same model). Node ids and settings follow the official template
 * (Comfy-Org/workflow_templates video_wan2_2_5B_ti2v); only core nodes are used. The model runs at
 * its native size and 24 fps (segments.ts); the stitcher reaches the output size and frame rate.
 */
import { generationSize, MODEL_FPS, type Segment } from "../segments";
import type { ApiWorkflow } from "./validate";

/** Names the graph and its settings; bump it when the output for the same request would change. */
export const WORKFLOW_VERSION = "wan2.2-ti2v-5b@2";

/** Filename prefixes of the outputs (worker-comfyui returns `<prefix>_00001_.<ext>`). */
export const VIDEO_PREFIX = "framecast/scene";
export const LAST_FRAME_PREFIX = "framecast/last";

export interface WorkflowRequest {
  prompt: string;
  negativePrompt: string;
  seed: number;
  /** Output size; the graph generates at the nearest size the model supports. */
  width: number;
  height: number;
  segment: Pick<Segment, "index" | "frames" | "skipFirst" | "saveLastFrame">;
  /** Filename of an image uploaded with the job (worker-comfyui `input.images`), e.g. "ref.png". */
  startImage?: string;
}

const node = (class_type: string, title: string, inputs: Record<string, unknown>) => ({ class_type, inputs, _meta: { title } });

const MAX_SEED = 2 ** 53 - 1;

export function buildWorkflow(req: WorkflowRequest): { workflow: ApiWorkflow; frames: number; width: number; height: number } {
  const { width, height } = generationSize(req.width, req.height);
  const { frames, skipFirst, saveLastFrame, index } = req.segment;

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
      // Each segment its own noise, stable across retries.
      seed: (req.seed + index) % MAX_SEED,
      steps: 20,
      cfg: 5,
      sampler_name: "uni_pc",
      scheduler: "simple",
      denoise: 1,
    }),
    "8": node("VAEDecode", "VAE Decode", { samples: ["3", 0], vae: ["39", 0] }),
    "57": node("CreateVideo", "Create Video", { images: ["8", 0], fps: MODEL_FPS }),
    "58": node("SaveVideo", "Save Video", { video: ["57", 0], filename_prefix: VIDEO_PREFIX, format: "mp4", codec: "h264" }),
  };
  if (req.startImage) {
    workflow["56"] = node("LoadImage", "Load Image", { image: req.startImage });
    workflow["55"]!.inputs.start_image = ["56", 0];
  }
  if (skipFirst && frames > 1) {
    // The first frame is the start image, already the previous segment's last frame.
    workflow["60"] = node("ImageFromBatch", "Drop the start frame", { image: ["8", 0], batch_index: 1, length: frames - 1 });
    workflow["57"]!.inputs.images = ["60", 0];
  }
  if (saveLastFrame) {
    workflow["61"] = node("ImageFromBatch", "Last frame", { image: ["8", 0], batch_index: frames - 1, length: 1 });
    workflow["62"] = node("SaveImage", "Save last frame", { images: ["61", 0], filename_prefix: LAST_FRAME_PREFIX });
  }
  return { workflow, frames, width, height };
}
