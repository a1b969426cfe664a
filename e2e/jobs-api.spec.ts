import fs from "node:fs";
import { expect, test } from "@playwright/test";

interface SseEvent {
  id: string;
  event: string;
  data: Record<string, unknown>;
}

/** Reads a whole event stream (it closes after the terminal event). */
async function readStream(url: string, headers: Record<string, string>): Promise<{ status: number; events: SseEvent[] }> {
  const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: AbortSignal.timeout(120_000) });
  if (res.status !== 200) return { status: res.status, events: [] };
  const text = await res.text();
  const events = text
    .split("\n\n")
    .map((block) => Object.fromEntries(block.split("\n").filter((l) => /^(id|event|data): /.test(l)).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)])))
    .filter((e) => e.id)
    .map((e) => ({ id: e.id!, event: e.event!, data: JSON.parse(e.data!) as Record<string, unknown> }));
  return { status: res.status, events };
}

test("API path: an API key submits the welcome storyboard; the event stream runs queued → completed; Last-Event-ID resumes", async ({ request, baseURL }) => {
  test.setTimeout(180_000);
  const signIn = await request.post("/api/auth/local", { data: { email: `api-render-${Date.now()}@example.com` } });
  const { access_token } = await signIn.json();
  const key = await request.post("/v1/auth/keys", { headers: { authorization: `Bearer ${access_token}` }, data: { name: "e2e", scopes: ["generate", "jobs:read"] } });
  expect(key.status()).toBe(201);
  const auth = { authorization: `Bearer ${(await key.json()).raw_key}` };

  const yaml = fs.readFileSync("spec/examples/welcome.yaml", "utf8");
  const created = await request.post("/v1/generate", { headers: { ...auth, "Idempotency-Key": `e2e-${Date.now()}` }, data: { spec: yaml } });
  expect(created.status()).toBe(201);
  const job = await created.json();
  expect(job).toMatchObject({ status: "queued", credits_charged: 100 });

  const { status, events } = await readStream(`${baseURL}/v1/jobs/${job.id}/events`, auth);
  expect(status).toBe(200);
  const types = events.map((e) => e.event);
  expect(types[0]).toBe("queued");
  expect(types[1]).toBe("started");
  expect(types.at(-1)).toBe("completed");
  expect(types.filter((t) => t === "scene_complete")).toHaveLength(2);
  expect(types.slice(2, -1).every((t) => t === "progress" || t === "scene_complete")).toBe(true);
  expect(events.map((e) => e.id)).toEqual(events.map((_, i) => `${job.id}:${i + 1}`));
  const percents = events.map((e) => Number(e.data.percent ?? 0));
  expect(percents).toEqual([...percents].sort((a, b) => a - b));

  const resumed = await readStream(`${baseURL}/v1/jobs/${job.id}/events`, { ...auth, "Last-Event-ID": `${job.id}:3` });
  expect(resumed.events.map((e) => e.id)).toEqual(events.slice(3).map((e) => e.id));

  const done = await (await request.get(`/v1/jobs/${job.id}`, { headers: auth })).json();
  expect(done.status).toBe("completed");
  expect(done.output.duration).toBeCloseTo(9, 1);
  expect((await request.get(done.output.video_url)).status()).toBe(200);

  // Missing scope: this key cannot cancel (jobs:write)
  expect((await request.post(`/v1/jobs/${job.id}/cancel`, { headers: auth })).status()).toBe(403);
});
