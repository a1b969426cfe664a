/**
 * The segment rule for the GPU model (Wan 2.2 TI2V-5B): it is trained for at most 121 frames at
 * 24 fps, so a longer scene is generated as a chain of segments. Segment 0 is text-to-video (or
 * image-to-video from the scene's reference image); each later one is image-to-video from the
 * previous segment's last frame. That frame is the new segment's first frame, so the graph leaves it
 * out of the video: the segment clips concatenate with no duplicated frame at the joins.
 *
 * The scene needs round(duration × 24) frames (at least 1). Segment 0 gives up to 121 of them, each
 * later segment up to 120 new ones; every segment is 4k+1 frames long (the model's rule), the last one
 * only as long as needed. A 30 s scene: 720 frames = 121 + 5 × 120 (rounded up to 721), 6 segments.
 */
export const MODEL_FPS = 24;
export const MAX_SEGMENT_FRAMES = 121;

export interface Segment {
  index: number;
  /** Frames the model generates (4k+1). */
  frames: number;
  /** The first generated frame repeats the previous segment's last frame: leave it out of the clip. */
  skipFirst: boolean;
  /** A later segment starts from this one's last frame: the graph also saves it as a PNG. */
  saveLastFrame: boolean;
}

const fourKPlusOne = (n: number) => Math.ceil((Math.max(1, n) - 1) / 4) * 4 + 1;

export function modelFrames(duration: number): number {
  return Math.max(1, Math.round(duration * MODEL_FPS));
}

export function planSegments(duration: number): Segment[] {
  let left = modelFrames(duration);
  const lengths: number[] = [];
  const first = Math.min(MAX_SEGMENT_FRAMES, fourKPlusOne(left));
  lengths.push(first);
  left -= first;
  while (left > 0) {
    // A later segment's first frame is the previous last one: it adds frames − 1.
    const frames = Math.min(MAX_SEGMENT_FRAMES, fourKPlusOne(left + 1));
    lengths.push(frames);
    left -= frames - 1;
  }
  return lengths.map((frames, index) => ({ index, frames, skipFirst: index > 0, saveLastFrame: index < lengths.length - 1 }));
}

/** Frames of the joined scene clip (at MODEL_FPS). */
export function joinedFrames(segments: readonly Segment[]): number {
  return segments.reduce((n, s) => n + s.frames - (s.skipFirst ? 1 : 0), 0);
}

/** The render_requests key of a segment: the scene id itself when the scene is one segment. */
export function segmentKey(sceneId: string, index: number, count: number): string {
  return count === 1 ? sceneId : `${sceneId}#${index}`;
}

/**
 * The generation size: the model's native 1280×704 or 704×1280 when the output is (near) 16:9 or
 * 9:16; otherwise about the same pixel count at the output's aspect ratio, sides multiples of 32.
 * The stitcher scales and crops to the output size.
 */
export function generationSize(width: number, height: number): { width: number; height: number } {
  const ratio = width / height;
  if (Math.abs(ratio / (16 / 9) - 1) < 0.05) return { width: 1280, height: 704 };
  if (Math.abs(ratio / (9 / 16) - 1) < 0.05) return { width: 704, height: 1280 };
  const area = 1280 * 704;
  const side = (x: number) => Math.max(32, Math.round(x / 32) * 32);
  return { width: side(Math.sqrt(area * ratio)), height: side(Math.sqrt(area / ratio)) };
}
