/**
 * The "job event → SSE client" row of `just bench`: a real job (POST /v1/generate) is streamed
 * (GET /v1/jobs/:id/events) while this process completes it through the app's own transition code
 * on the same database; the latency is from the start of that transaction to the `completed` frame.
 * The caller sets DATABASE_URL and the S3 settings in process.env before the first call.
 */
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { freshTokens } from "./bench-load";

async function createJob(base: string, token: string): Promise<string> {
  const res = await fetch(`${base}/v1/generate`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ spec: WELCOME_SPEC }),
  });
  if (res.status !== 202 && res.status !== 201) throw new Error(`generate failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id?: string; job_id?: string; job?: { id: string } };
  const id = body.id ?? body.job_id ?? body.job?.id;
  if (!id) throw new Error("generate answered without a job id");
  return id;
}

/** Resolves with the time each named event's frame arrived, until `last` arrives. */
function watch(base: string, token: string, jobId: string, onFrame: (event: string) => void, last: string): Promise<void> {
  return (async () => {
    const res = await fetch(`${base}/v1/jobs/${jobId}/events`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok || !res.body) throw new Error(`events stream: ${res.status}`);
    const decoder = new TextDecoder();
    let buf = "";
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true });
      for (let i = buf.indexOf("\n\n"); i >= 0; i = buf.indexOf("\n\n")) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: (.+)$/m.exec(frame)?.[1];
        if (!event) continue;
        onFrame(event);
        if (event === last) return;
      }
    }
  })();
}

export async function sseLatencies(base: string, samples: number): Promise<number[]> {
  const { db } = await import("@/lib/db/client");
  const { transitionJob } = await import("@/lib/jobs/transition");
  const tokens = await freshTokens(base, samples, "sse");
  const out: number[] = [];
  for (const token of tokens) {
    const jobId = await createJob(base, token);
    let queuedSeen!: () => void;
    const queued = new Promise<void>((r) => (queuedSeen = r));
    let t0 = 0;
    let t1 = 0;
    const done = watch(base, token, jobId, (e) => (e === "queued" ? queuedSeen() : e === "completed" ? (t1 = performance.now()) : undefined), "completed");
    await queued;
    await db().transaction((tx) => transitionJob(tx, jobId, { to: "processing" }));
    t0 = performance.now();
    const output = {
      video_key: `outputs/${jobId}/video.mp4`,
      thumbnail_key: `outputs/${jobId}/thumb.jpg`,
      duration: 9,
      resolution: "1280x720",
      format: "mp4" as const,
      size_bytes: 1000,
      scene_clips: [],
      metadata: { backend: "bench", model: "none", seed: 1, generation_time_ms: 1 },
    };
    await db().transaction((tx) => transitionJob(tx, jobId, { to: "completed", output, outputSizeBytes: 1000, renderSeconds: 9 }));
    await done;
    out.push(t1 - t0);
  }
  return out;
}
