import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startHttpsReceiver, type Receiver } from "../tests/helpers/https-receiver";

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startHttpsReceiver();
});
test.afterAll(async () => receiver?.stop());

/** A team owner adds a webhook on the team page, sends a test event, and a failed delivery is retried. */
test("add a webhook, send a signed test event, retry a failed delivery", async ({ page }) => {
  await page.goto(`/sign-in?next=${encodeURIComponent("/app/teams")}`);
  await page.getByLabel("Email address").fill(`e2e-hooks-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((u) => u.pathname === "/app/teams");
  await page.getByTestId("upgrade-button").click();
  await page.waitForURL(/\/app\/teams\/[0-9a-f-]{36}$/);

  const card = page.getByTestId("webhooks");
  await card.getByLabel("Webhook URL").fill(receiver.url);
  await card.getByRole("button", { name: "Add" }).click();
  const secret = (await card.getByTestId("webhook-secret").textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);

  receiver.respond(200, "ok");
  await card.getByRole("button", { name: "Send test" }).click();
  await expect(card.getByTestId("delivery-row").first()).toContainText("delivered");
  const req = receiver.received.at(-1)!;
  const ts = req.headers["x-webhook-timestamp"] as string;
  expect(req.headers["x-webhook-signature"]).toBe(`sha256=${createHmac("sha256", secret).update(`${ts}.${req.body}`).digest("hex")}`);

  receiver.respond(400, "bad");
  await card.getByRole("button", { name: "Send test" }).click();
  const failed = card.getByTestId("delivery-row").filter({ hasText: "failed" }).first();
  await expect(failed).toContainText("HTTP 400");
  receiver.respond(200, "ok");
  await failed.getByRole("button", { name: "Retry" }).click();
  // the retried delivery goes out through the delivery function (outbox → runner → /api/inngest)
  await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: "e2e/.artifacts/team-webhooks.png", fullPage: true });
});
