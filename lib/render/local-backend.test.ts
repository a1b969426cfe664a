import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localBackend } from "./local-backend";
import type { SceneRenderRequest } from "./types";

/** A fake worker answering from a table of `METHOD path` → [status, body]. */
const answers = new Map<string, [number, unknown]>();
const received: { method: string; path: string; body: string }[] = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    received.push({ method: req.method!, path: req.url!, body });
    const [status, json] = answers.get(`${req.method} ${req.url}`) ?? [404, { error: "not found" }];
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const req = { jobId: "j", sceneId: "s", callbackUrl: "http://app/cb?token=t" } as SceneRenderRequest;

describe("localBackend", () => {
  it("submits RunPod's {input, webhook} body and returns the request id", async () => {
    answers.set("POST /v2/local/run", [200, { id: "r1", status: "IN_QUEUE" }]);
    const backend = localBackend({ url });
    expect([backend.name, backend.model, backend.maxParallel]).toEqual(["local", "animatic-v1", 2]);
    expect(await backend.submit(req)).toEqual({ requestId: "r1" });
    expect(JSON.parse(received.at(-1)!.body)).toEqual({ input: req, webhook: req.callbackUrl });
  });

  it("throws on a non-2xx answer with the status and body in the message", async () => {
    answers.set("POST /v2/local/run", [500, { error: "injected failure" }]);
    await expect(localBackend({ url }).submit(req)).rejects.toThrow(/500.*injected failure/);
    answers.set("GET /v2/local/status/r2", [503, { error: "busy" }]);
    await expect(localBackend({ url }).status("r2")).rejects.toMatchObject({ status: 503 });
  });

  it("reports an unknown request as FAILED not found; cancelling it is a no-op", async () => {
    answers.set("GET /v2/local/status/r1", [200, { id: "r1", status: "COMPLETED", output: { bucket: "b", key: "k", duration: 5 } }]);
    const backend = localBackend({ url });
    expect(await backend.status("r1")).toMatchObject({ status: "COMPLETED", output: { key: "k" } });
    expect(await backend.status("gone")).toEqual({ id: "gone", status: "FAILED", error: "not found" });
    await expect(backend.cancel("gone")).resolves.toBeUndefined();
    expect(received.at(-1)).toMatchObject({ method: "POST", path: "/v2/local/cancel/gone" });
  });

  it("says where it tried when the worker is unreachable", async () => {
    await expect(localBackend({ url: "http://127.0.0.1:9" }).submit(req)).rejects.toThrow(/unreachable at http:\/\/127\.0\.0\.1:9/);
  });
});
