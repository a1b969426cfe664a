import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { eq, sql } from "drizzle-orm";
import { jobs } from "@/drizzle/schema";
import { db } from "@/lib/db/client";
import { probe } from "@/lib/render/ffmpeg";
import { stitchAudioRefs } from "@/lib/render/stitch";
import { buckets, s3 } from "@/lib/storage/s3";
import { buildPlan } from "@/lib/storyboard/playback";
import { seedSystemAssets } from "@/lib/system-assets/seed";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";

/** Only the sounds the welcome storyboard uses (the whole catalog takes ~18 s). */
export async function seedWelcomeAudio() {
  await seedSystemAssets(db(), { only: stitchAudioRefs(WELCOME_SPEC, buildPlan(WELCOME_SPEC)) });
}

export async function waitForJob(jobId: string, until: (status: string) => boolean, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db().select().from(jobs).where(eq(jobs.id, jobId));
    if (row && until(row.status)) return row;
    if (Date.now() > deadline) {
      const outbox = await db().execute(sql`select name, attempts, sent_at, last_error from outbox where payload->>'job_id' = ${jobId}`);
      const runs = process.env.INNGEST_BASE_URL ? await fetch(`${process.env.INNGEST_BASE_URL}/v1/runs`).then((r) => r.text()).catch(String) : "";
      throw new Error(
        `job ${jobId} still ${row?.status} after ${timeoutMs} ms (progress ${JSON.stringify(row?.progress)})\noutbox ${JSON.stringify(outbox)}\nruns ${runs.slice(0, 3000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export const isTerminalStatus = (s: string) => s === "completed" || s === "failed" || s === "canceled";

export async function eventTypes(jobId: string): Promise<string[]> {
  const rows = await db().execute<{ event_type: string }>(sql`select event_type from job_events where job_id = ${jobId} order by sequence`);
  return rows.map((r) => r.event_type);
}

export async function downloadOutput(key: string): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fc-out-")), path.basename(key));
  const res = await s3().send(new GetObjectCommand({ Bucket: buckets().outputs, Key: key }));
  await pipeline(res.Body as Readable, fs.createWriteStream(file));
  return file;
}

export { probe };

export async function setFaults(workerUrl: string, faults: Record<string, unknown> | null) {
  const res = await fetch(`${workerUrl}/v2/local/_faults`, {
    method: faults ? "POST" : "DELETE",
    headers: { "content-type": "application/json" },
    body: faults ? JSON.stringify(faults) : undefined,
  });
  if (!res.ok) throw new Error(`faults: ${res.status} ${await res.text()}`);
}
