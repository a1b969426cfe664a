import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as generate from "@/app/v1/generate/route";
import { grantCredits } from "@/lib/credits/admin";
import { db } from "@/lib/db/client";
import { startOutboxPump } from "@/lib/jobs/outbox";
import { WELCOME_SPEC } from "@/lib/storyboard/welcome";
import { userUrn } from "@/lib/urn";
import { starter } from "../helpers/fixtures";
import { call } from "../helpers/http";
import { ledgerMismatches } from "../helpers/ledger";
import { startPipeline, type Pipeline } from "./harness";
import { eventTypes, isTerminalStatus, seedWelcomeAudio, setFaults, waitForJob } from "./helpers";

let p: Pipeline;

beforeAll(async () => {
  p = await startPipeline({ jobTimeout: "4s" });
  startOutboxPump(300);
  await seedWelcomeAudio();
}, 120_000);
afterAll(async () => p?.stop());

describe("JOB_TIMEOUT", { timeout: 120_000 }, () => {
  it("a job still rendering at the timeout fails with failure_type timeout and a full refund; backend requests are cancelled", async () => {
    await setFaults(p.workerUrl, { delayMs: 20_000 });
    try {
      const s = await starter();
      await grantCredits(db(), userUrn(s.sub), 100);
      const res = await call(generate.POST, { method: "POST", token: s.token, body: { spec: WELCOME_SPEC } });
      expect(res.status).toBe(201);
      const done = await waitForJob(res.json.id, isTerminalStatus, 60_000);
      expect(done.status).toBe("failed");
      expect(done.failureType).toBe("timeout");
      expect(done.creditsRefunded).toBe(done.creditsCharged);
      expect(done.error).toMatchObject({ code: "TIMEOUT" });
      expect((await eventTypes(done.id)).at(-1)).toBe("failed");
      const [user] = await db().execute<{ credits: number }>(sql`select credits from users where id = ${s.sub}`);
      expect(user!.credits).toBe(200);
      // The cancel function stops the job's backend requests after the timeout: wait for that state.
      const open = () => db().execute(sql`select 1 from render_requests where job_id = ${done.id} and status in ('submitting', 'submitted')`);
      for (const deadline = Date.now() + 30_000; (await open()).length > 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
      expect(await open()).toHaveLength(0);
      expect(await ledgerMismatches()).toEqual([]);
    } finally {
      await setFaults(p.workerUrl, null);
    }
  });
});
