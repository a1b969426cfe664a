/**
 * Completed jobs' output URLs (issue 11 items 3–4): `download_url` answers with the storyboard's
 * title as an attachment file name — asked of the real embedded S3 (the SigV4-checking store) — and
 * lists carry the thumbnails but not the storyboards unless `?include=spec`.
 */
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import * as generate from "@/app/v1/generate/route";
import * as jobsList from "@/app/v1/jobs/route";
import * as jobOne from "@/app/v1/jobs/[id]/route";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { jobPrefix } from "@/lib/jobs/storage";
import { transitionJob } from "@/lib/jobs/transition";
import { buckets, s3 } from "@/lib/storage/s3";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { userUrn } from "@/lib/urn";
import { starter } from "../helpers/fixtures";
import { call } from "../helpers/http";

type JobJson = { id: string; title: string | null; output: Record<string, string> | null; spec_snapshot?: unknown };

const VIDEO = Buffer.from("not really an mp4, but bytes the store keeps");

/** A job rendered the way the pipeline finishes one: objects stored, then the completed transition. */
async function completedJob(token: string, owner: string, title: string) {
  const res = await call(generate.POST, { method: "POST", token, body: { spec: { ...WELCOME_SPEC, title }, options: { preview: true } } });
  expect(res.status, res.text).toBe(201);
  const id = res.json.id as string;
  const prefix = jobPrefix(owner, id);
  const video_key = `${prefix}final.mp4`;
  const thumbnail_key = `${prefix}thumbnail.jpg`;
  await s3().send(new PutObjectCommand({ Bucket: buckets().outputs, Key: video_key, Body: VIDEO, ContentType: "video/mp4" }));
  await s3().send(new PutObjectCommand({ Bucket: buckets().outputs, Key: thumbnail_key, Body: Buffer.from("jpeg"), ContentType: "image/jpeg" }));
  const output = {
    video_key,
    thumbnail_key,
    duration: 9,
    resolution: "1280x720",
    format: "mp4" as const,
    size_bytes: VIDEO.length,
    scene_clips: [],
    metadata: { backend: "local", model: "animatic", seed: 1, generation_time_ms: 10 },
  };
  await db().transaction(async (tx) => {
    await transitionJob(tx, id, { to: "processing" });
    await transitionJob(tx, id, { to: "completed", output, outputSizeBytes: VIDEO.length, renderSeconds: 9 });
  });
  return id;
}

async function newOwner() {
  const s = await starter();
  await grantCredits(db(), userUrn(s.sub), 100);
  return { ...s, owner: userUrn(s.sub) };
}

describe("download_url", () => {
  it("answers from the real store with Content-Disposition: attachment, an ASCII fallback and the UTF-8 name", async () => {
    const s = await newOwner();
    const title = 'Launch "teaser" – Café 🎬';
    const id = await completedJob(s.token, s.owner, title);
    const job = (await call(jobOne.GET, { token: s.token, params: { id } })).json;
    expect(job.title).toBe(title);
    expect(job.output.download_url).toMatch(/^http/);
    const res = await fetch(job.output.download_url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(VIDEO)).toBe(true);
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toBe(
      `attachment; filename="Launch _teaser_ _ Cafe _.mp4"; filename*=UTF-8''${encodeURIComponent(`${title}.mp4`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    // The plain video URL stays inline (the player streams it).
    expect((await fetch(job.output.video_url)).headers.get("content-disposition")).toBeNull();
  });

  it("a plain ASCII title is the file name as is; a signature changed by a client is refused", async () => {
    const s = await newOwner();
    const id = await completedJob(s.token, s.owner, "Product tour 2");
    const job = (await call(jobOne.GET, { token: s.token, params: { id } })).json;
    const res = await fetch(job.output.download_url);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Product tour 2.mp4"');
    // The disposition is part of the signature: nobody can re-sign the name.
    const forged = new URL(job.output.download_url);
    forged.searchParams.set("response-content-disposition", 'attachment; filename="other.mp4"');
    expect((await fetch(forged)).status).toBe(403);
  });
});

describe("GET /v1/jobs", () => {
  it("completed jobs carry thumbnail_url (and the other URLs); no spec_snapshot unless ?include=spec", async () => {
    const s = await newOwner();
    const done = await completedJob(s.token, s.owner, "Listed");
    const queued = (await call(generate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC, options: { preview: true } } })).json.id;
    const list = await call(jobsList.GET, { token: s.token });
    expect(list.status).toBe(200);
    const byId = new Map((list.json.data as JobJson[]).map((j) => [j.id, j]));
    const row = byId.get(done)!;
    expect(row.title).toBe("Listed");
    expect(row).not.toHaveProperty("spec_snapshot");
    expect(row.output).toMatchObject({ thumbnail_url: expect.stringMatching(/^http/), video_url: expect.stringMatching(/^http/), download_url: expect.stringMatching(/^http/) });
    const thumb = await fetch(row.output!.thumbnail_url!);
    expect(thumb.status).toBe(200);
    expect(await thumb.text()).toBe("jpeg");
    expect(byId.get(queued)!.output).toBeNull();
    expect(byId.get(queued)).not.toHaveProperty("spec_snapshot");

    const withSpec = await call(jobsList.GET, { token: s.token, path: "/v1/jobs?include=spec" });
    for (const j of withSpec.json.data) expect(j.spec_snapshot).toMatchObject({ title: j.title });
    expect((await call(jobsList.GET, { token: s.token, path: "/v1/jobs?include=everything" })).status).toBe(422);
    // A single job always has its storyboard.
    expect((await call(jobOne.GET, { token: s.token, params: { id: queued } })).json.spec_snapshot).toMatchObject({ title: WELCOME_SPEC.title });
  });
});
