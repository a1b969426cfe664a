/**
 * An app in cloud mode (INNGEST_SIGNING_KEY set) rejects unsigned requests; the local runner signs
 * them (x-inngest-signature over the canonical JSON body) and the SDK accepts them.
 * Its own file: one runner per database.
 */
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/lib/embedded";
import { startRunner } from "@/scripts/inngest-runner";
import { claimDatabase, settledRun, silent, startApp } from "./harness";

const signingKey = `signkey-test-${"ab12".repeat(16)}`;
const port = await freePort();
const cloud = new Inngest({ id: "cloud-app", isDev: false, signingKey, eventKey: "local-key", baseUrl: `http://127.0.0.1:${port}`, logger: silent });
const fn = cloud.createFunction({ id: "signed", triggers: [{ event: "t/signed" }] }, async ({ step }) => step.run("s", () => "verified"));
const app = await startApp(cloud, [fn]);
let release = () => {};
beforeAll(async () => {
  release = await claimDatabase();
});
afterAll(async () => {
  await app.stop();
  release();
});

describe("inngest runner: an app in cloud mode", () => {
  it("signs its requests with the signing key, which the SDK verifies", async () => {
    const unsigned = await fetch(`${app.serveUrl}?fnId=cloud-app-signed&stepId=step`, { method: "POST", body: "{}" });
    expect(unsigned.status).toBe(401);
    const runner = await startRunner({ port, serveUrl: app.serveUrl, databaseUrl: process.env.DATABASE_URL!, log: silent, signingKey, pollMs: 100 });
    try {
      await cloud.send({ name: "t/signed", data: {} });
      expect((await settledRun(runner.url, "signed")).output).toBe("verified");
    } finally {
      await runner.stop();
    }
  });
});
