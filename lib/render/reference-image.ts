/**
 * A start image for the GPU worker, as it goes into worker-comfyui's `input.images`: resized (cover,
 * centre crop) to the generation size and re-encoded as JPEG, so a 50 MiB upload becomes a few
 * hundred KB of base64 and the model gets exactly the frame size it generates.
 */
import sharp from "sharp";

export async function prepareStartImage(bytes: Uint8Array, width: number, height: number): Promise<{ name: string; image: string }> {
  const jpeg = await sharp(bytes, { limitInputPixels: 2 ** 28 })
    .rotate() // honour EXIF orientation
    .resize(width, height, { fit: "cover", position: "centre" })
    .jpeg({ quality: 92 })
    .toBuffer();
  return { name: "start.jpg", image: jpeg.toString("base64") };
}
