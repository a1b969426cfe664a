/**
 * Runs ffmpeg/ffprobe as child processes (never through a shell), with a timeout and an
 * AbortSignal that kills the process. Failures carry the tail of stderr, where ffmpeg says why.
 */
import { spawn } from "node:child_process";

const STDERR_TAIL = 4000;
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** H.264 for the web: 4:2:0, moov atom first; veryfast keeps a 720p render near real time on 2 cores. */
export const ENCODE_H264 = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-movflags", "+faststart"];
/**
 * H.264 for intermediate clips (the animatics), which the stitch decodes and encodes again: ultrafast
 * renders a 5 s 720p animatic in about half the time of veryfast (measured: 2.5 s vs 5.5 s on the
 * loaded 2-core machine), at a larger file and the same look.
 */
export const ENCODE_H264_DRAFT = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-pix_fmt", "yuv420p", "-movflags", "+faststart"];

export interface RunOptions {
  signal?: AbortSignal;
  /** Kill the process after this long (default 10 min). */
  timeoutMs?: number;
  cwd?: string;
  /** ffmpeg only: called with the seconds of output written so far (from `-progress`). */
  onProgress?: (seconds: number) => void;
}

export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly stderrTail: string,
    readonly reason: "failed" | "aborted" | "timeout",
  ) {
    super(stderrTail ? `${message}: ${stderrTail}` : message);
    this.name = "FfmpegError";
  }
}

function tail(chunks: Buffer[]): string {
  return Buffer.concat(chunks).toString("utf8").slice(-STDERR_TAIL).trim();
}

/** Runs `cmd args`, resolving with stdout and stderr; rejects on a non-zero exit, abort or timeout. */
export function runProcess(cmd: string, args: string[], opts: RunOptions = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new FfmpegError(`${cmd} aborted`, "", "aborted"));
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let errBytes = 0;
    let killedFor: "aborted" | "timeout" | null = null;
    const kill = (why: "aborted" | "timeout") => {
      killedFor ??= why;
      child.kill("SIGKILL");
    };
    const onAbort = () => kill("aborted");
    const timer = setTimeout(() => kill("timeout"), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (c: Buffer) => {
      if (opts.onProgress) reportProgress(c.toString("utf8"), opts.onProgress);
      else out.push(c);
    });
    child.stderr.on("data", (c: Buffer) => {
      err.push(c);
      errBytes += c.length;
      // Keep memory bounded on chatty runs: only the tail matters.
      while (errBytes > STDERR_TAIL * 4 && err.length > 1) errBytes -= err.shift()!.length;
    });
    const settle = (fail?: FfmpegError) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      if (fail) reject(fail);
      else resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: tail(err) });
    };
    child.on("error", (e) => settle(new FfmpegError(`${cmd} could not start (${e.message})`, "", "failed")));
    child.on("close", (code, sig) => {
      if (killedFor) return settle(new FfmpegError(`${cmd} ${killedFor === "timeout" ? "timed out" : "aborted"}`, tail(err), killedFor));
      if (code !== 0) return settle(new FfmpegError(`${cmd} exited with ${code ?? sig}`, tail(err), "failed"));
      settle();
    });
  });
}

/** `-progress` writes `key=value` lines; `out_time_us` is the output written so far, in µs. */
function reportProgress(text: string, onProgress: (seconds: number) => void) {
  for (const m of text.matchAll(/^out_time_us=(\d+)$/gm)) onProgress(Number(m[1]) / 1e6);
}

/** ffmpeg with quiet, non-interactive defaults; `args` are everything after them. */
export function ffmpeg(args: string[], opts?: RunOptions) {
  const progress = opts?.onProgress ? ["-progress", "pipe:1", "-stats_period", "1"] : [];
  return runProcess("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-y", ...progress, ...args], opts);
}

export function ffprobe(args: string[], opts?: RunOptions) {
  return runProcess("ffprobe", ["-v", "error", ...args], opts);
}

export interface ProbeResult {
  /** Container duration in seconds. */
  duration: number;
  width: number;
  height: number;
  fps: number;
  hasAudio: boolean;
  videoCodec: string | null;
  audioCodec: string | null;
}

interface ProbeJson {
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number; avg_frame_rate?: string; r_frame_rate?: string }[];
  format?: { duration?: string };
}

function rate(r: string | undefined): number {
  const [n, d] = (r ?? "0/1").split("/").map(Number);
  return d ? n! / d : 0;
}

export async function probe(file: string, opts?: RunOptions): Promise<ProbeResult> {
  const { stdout } = await ffprobe(
    ["-show_entries", "stream=codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate:format=duration", "-of", "json", file],
    opts,
  );
  const info = JSON.parse(stdout) as ProbeJson;
  const video = info.streams?.find((s) => s.codec_type === "video");
  const audio = info.streams?.find((s) => s.codec_type === "audio");
  return {
    duration: Number(info.format?.duration ?? 0),
    width: video?.width ?? 0,
    height: video?.height ?? 0,
    fps: rate(video?.avg_frame_rate) || rate(video?.r_frame_rate),
    hasAudio: !!audio,
    videoCodec: video?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
  };
}
