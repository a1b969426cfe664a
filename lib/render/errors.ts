/**
 * A sound the storyboard names that the stitcher cannot use: not downloaded (missing) or not
 * decodable audio (unreadable). The render function reports it as a `validation` failure.
 */
export class AudioAssetError extends Error {
  readonly code = "AUDIO_ASSET_UNAVAILABLE";

  constructor(
    readonly ref: string,
    readonly reason: "missing" | "unreadable",
  ) {
    super(reason === "missing" ? `Audio asset ${ref} is not available.` : `Audio asset ${ref} is not readable audio.`);
    this.name = "AudioAssetError";
  }
}
