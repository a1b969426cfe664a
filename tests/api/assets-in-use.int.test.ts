/**
 * Assets in use (issue 10 item 9): an asset a queued or processing job uses cannot be deleted
 * (409 ASSET_IN_USE), and a job whose asset file vanished anyway fails when it starts, as a
 * validation failure refunded at that point (nothing rendered yet: everything).
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as one from "@/app/v1/assets/[id]/route";
import * as confirm from "@/app/v1/assets/[id]/confirm/route";
import * as uploadUrl from "@/app/v1/assets/upload-url/route";
import * as generate from "@/app/v1/generate/route";
import * as cancel from "@/app/v1/jobs/[id]/cancel/route";
import * as jobOne from "@/app/v1/jobs/[id]/route";
import { db } from "@/lib/db/client";
import { startJob } from "@/lib/jobs/render-steps";
import { starter } from "../helpers/fixtures";
import { call } from "../helpers/http";
import { ledgerMismatches } from "../helpers/ledger";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function readyAsset(token: string): Promise<string> {
  const res = await call(uploadUrl.POST, { method: "POST", token, body: { filename: "keeper.png", content_type: "image/png", size_bytes: PNG.length } });
  expect(res.status, res.text).toBe(201);
  expect((await fetch(res.json.upload_url, { method: "PUT", headers: res.json.upload_headers, body: new Uint8Array(PNG) })).status).toBe(200);
  const id = res.json.asset.id as string;
  expect((await call(confirm.POST, { method: "POST", token, params: { id } })).status).toBe(200);
  return id;
}

async function jobUsing(token: string, assetId: string) {
  const spec = { title: "t", symbols: { keeper: { prompt: "a keeper", reference_images: [{ asset_id: assetId }] } }, scenes: [{ id: "a", prompt: "@keeper waves", duration: 3 }] };
  const res = await call(generate.POST, { method: "POST", path: "/v1/generate", token, body: { spec } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; credits_charged: number };
}

const balance = async (userId: string) =>
  (await db().execute<{ credits: number }>(sql`select credits::int from users where id = ${userId}`))[0]!.credits;

describe("assets in use", () => {
  it("deleting an asset a queued or processing job uses → 409 ASSET_IN_USE; once the job stopped → 204", async () => {
    const s = await starter();
    const assetId = await readyAsset(s.token);
    const job = await jobUsing(s.token, assetId);
    const queued = await call(one.DELETE, { method: "DELETE", token: s.token, params: { id: assetId } });
    expect(queued.status).toBe(409);
    expect(queued.json.error.code).toBe("ASSET_IN_USE");
    expect(queued.json.error.details.job_ids).toEqual([job.id]);
    expect(await startJob(job.id)).not.toBeNull();
    const processing = await call(one.DELETE, { method: "DELETE", token: s.token, params: { id: assetId } });
    expect(processing.status).toBe(409);
    expect(processing.json.error.code).toBe("ASSET_IN_USE");
    expect((await call(one.GET, { token: s.token, params: { id: assetId } })).json.status).toBe("ready");
    expect((await call(cancel.POST, { method: "POST", token: s.token, params: { id: job.id } })).status).toBe(200);
    expect((await call(one.DELETE, { method: "DELETE", token: s.token, params: { id: assetId } })).status).toBe(204);
  });

  it("a job whose asset vanished before it started fails at the start: validation, INVALID_INPUT, the refund of that point", async () => {
    const s = await starter();
    const assetId = await readyAsset(s.token);
    const before = await balance(s.sub);
    const job = await jobUsing(s.token, assetId);
    expect(job.credits_charged).toBeGreaterThan(0);
    // as a delete that committed between the job's validation and its creation would leave it
    await db().execute(sql`delete from asset_files where id = ${assetId}`);
    expect(await startJob(job.id)).toBeNull();
    const got = await call(jobOne.GET, { token: s.token, params: { id: job.id } });
    expect(got.json).toMatchObject({ status: "failed", failure_type: "validation", credits_refunded: job.credits_charged });
    expect(got.json.error).toMatchObject({ code: "INVALID_INPUT" });
    expect(got.json.error.message).toContain(assetId);
    expect(await balance(s.sub)).toBe(before);
    const events = await db().execute<{ event_type: string }>(sql`select event_type from job_events where job_id = ${job.id} order by sequence`);
    expect(events.map((e) => e.event_type)).toEqual(["queued", "started", "failed"]);
    expect(await ledgerMismatches()).toEqual([]);
  });
});
