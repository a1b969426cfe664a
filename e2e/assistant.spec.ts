import { expect, test } from "@playwright/test";
import { WELCOME_SPEC } from "../lib/storyboard/welcome";
import { startFakeAnthropic, type FakeAnthropic } from "../tests/helpers/fake-anthropic";
import { editorText, setEditorText, waitForMonaco } from "./editor";

/**
 * The editor's "Draft with AI" against the built app, whose Anthropic calls go to a fake Messages
 * API started here on the port scripts/e2e.ts gave the app (E2E_ANTHROPIC_PORT).
 */
const port = Number(process.env.E2E_ANTHROPIC_PORT);
let fake: FakeAnthropic;

test.beforeAll(async () => {
  test.skip(!port, "needs E2E_ANTHROPIC_PORT (set by `just test-e2e`)");
  fake = await startFakeAnthropic({ port });
});
test.afterAll(async () => fake?.stop());

test("draft a storyboard from a brief, then fix a broken one with AI", async ({ page }) => {
  await page.goto(`/sign-in?next=${encodeURIComponent("/app/new")}`);
  await page.getByLabel("Email address").fill(`e2e-assistant-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === "/app/new");

  const assistant = page.getByTestId("assistant");
  await expect(assistant.getByRole("heading", { name: "Draft with AI" })).toBeVisible();
  await waitForMonaco(page);
  const validation = page.getByTestId("validation-status");

  // A brief becomes a valid storyboard in the editor, estimated
  fake.script([{ storyboard: { ...WELCOME_SPEC, title: "Ghost ship at dawn" } }]);
  await assistant.getByLabel("Brief").fill("A lighthouse keeper spots a ghost ship in a storm, then dawn breaks.");
  await assistant.getByTestId("assistant-draft").click();
  await expect(page.getByTestId("assistant-result")).toContainText("Drafted and valid");
  await expect.poll(() => editorText(page)).toMatch(/^title: Ghost ship at dawn/);
  await expect(validation).toHaveAttribute("data-state", "valid");
  await expect(page.getByTestId("estimate-credits")).toHaveText("100");
  expect(JSON.stringify(fake.requests[0]!.body.messages)).toContain("ghost ship in a storm");
  await page.screenshot({ path: "e2e/.artifacts/assistant-drafted.png", fullPage: true });

  // A broken storyboard: "Fix the error with AI" sends it as base_spec and puts the fix in the editor
  const draft = await editorText(page);
  await setEditorText(page, draft.replace("duration: 5\n", "duration: -2\n"));
  await expect(validation).toHaveAttribute("data-state", "invalid");
  fake.script([{ storyboard: { ...WELCOME_SPEC, title: "Ghost ship at dawn" } }]);
  await assistant.getByRole("button", { name: "Fix the error with AI" }).click();
  await expect(validation).toHaveAttribute("data-state", "valid");
  expect(JSON.stringify(fake.requests[0]!.body.messages)).toContain("duration: -2");
  await expect(page.getByTestId("submit-render")).toBeEnabled();
});
