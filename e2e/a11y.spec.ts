import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/**
 * Accessibility (issue 11 item 11): every page, in the light and the dark color scheme, has no
 * serious or critical axe violation (WCAG 2 A/AA: contrast, names, labels, focusable scroll regions).
 */
interface Fixture {
  jobId: string;
  teamId: string;
  projectId: string;
  inviteToken: string;
}

async function signIn(page: Page, email: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent("/app")}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((u) => u.pathname === "/app");
}

/** A render, a team with a project and an open invitation, through the API as the signed-in user. */
async function makeFixture(page: Page, baseURL: string): Promise<Fixture> {
  const headers = { origin: baseURL };
  const post = async (path: string, data?: unknown, extra: Record<string, string> = {}) => {
    const res = await page.request.post(path, { headers: { ...headers, ...extra }, data });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const job = await post("/v1/generate", { spec: fs.readFileSync("spec/examples/welcome.yaml", "utf8") }, { "Idempotency-Key": `a11y-${Date.now()}` });
  const { team } = await post("/v1/account/upgrade");
  const project = await post(`/v1/teams/${team.id}/projects`, { name: "Launch teaser" });
  const invite = await post(`/v1/teams/${team.id}/invitations`, { email: `a11y-guest-${Date.now()}@example.com`, role: "member" });
  return { jobId: job.id, teamId: team.id, projectId: project.id, inviteToken: invite.token };
}

const pages = (f: Fixture): [string, string][] => [
  ["site", "/"],
  ["docs", "/docs"],
  ["dashboard", "/app"],
  ["renders", "/app/jobs"],
  ["a job", `/app/jobs/${f.jobId}`],
  ["new render", "/app/new"],
  ["a project", `/app/projects/${f.projectId}`],
  ["teams", "/app/teams"],
  ["a team", `/app/teams/${f.teamId}`],
  ["settings", "/app/settings"],
  ["invite page", `/invite/${f.inviteToken}`],
  ["not found", "/this-page-does-not-exist"],
];

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`).join("\n")}`);
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`no serious axe violations on any page (${colorScheme})`, async ({ browser, baseURL }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext({ colorScheme, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();

    await page.goto("/sign-in");
    await page.getByLabel("Email address").waitFor();
    const found: string[] = (await seriousViolations(page)).map((v) => `sign-in: ${v}`);

    await signIn(page, `e2e-a11y-${colorScheme}-${Date.now()}@example.com`);
    const fixture = await makeFixture(page, baseURL!);
    for (const [name, path] of pages(fixture)) {
      await page.goto(path);
      await page.waitForLoadState("networkidle").catch(() => undefined);
      await expect(page.locator("main, #main").first()).toBeVisible();
      for (const v of await seriousViolations(page)) found.push(`${name} (${path}): ${v}`);
    }
    expect(found, found.join("\n\n")).toEqual([]);
    await context.close();
  });
}

test("the account menu works with the arrow keys", async ({ page }) => {
  await signIn(page, `e2e-a11y-menu-${Date.now()}@example.com`);
  const trigger = page.getByRole("button", { name: /account menu/i });
  await trigger.focus();
  await page.keyboard.press("ArrowDown");
  const items = page.getByRole("menuitem");
  await expect(items.first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press("End");
  await expect(items.last()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(items.first()).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(items.last()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(trigger).toBeFocused();
  await expect(page.getByRole("menu")).toHaveCount(0);
});
