import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { editorText, setEditorText, waitForMonaco } from "./editor";

/**
 * Issue 8, items 3 and 7: `next` never leads off-site, and every page runs under its
 * Content-Security-Policy (with Monaco, uploads and video) without a single violation.
 */
const ARTIFACTS = "e2e/.artifacts";
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Off-site navigations are answered here, so a failing test never leaves loopback. */
async function fenceOffSite(context: BrowserContext) {
  await context.route(
    (url) => !LOOPBACK.has(url.hostname),
    (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>off-site</h1>" }),
  );
}

async function signIn(page: Page, query: string, email = `e2e-sec-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`) {
  await page.goto(`/sign-in?${query}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  return email;
}

/** Raw query values, as an attacker would put them in a link. */
const HOSTILE_NEXT = [
  "/%09/evil.example/x",
  "/%09%5Cevil.example",
  "%09//evil.example",
  "//evil.example",
  "/%5Cevil.example",
  "https://evil.example/",
  "//evil%E3%80%82example",
  "/%252F%252Fevil.example",
];

test.describe("open redirect", () => {
  for (const raw of HOSTILE_NEXT) {
    test(`the sign-in form with next=${raw} lands on /app`, async ({ page, context, baseURL }) => {
      await fenceOffSite(context);
      await signIn(page, `next=${raw}`);
      await expect(page).toHaveURL(`${new URL(baseURL!).origin}/app`);
    });
  }

  test("server redirects keep next on this site", async ({ page, context, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    await fenceOffSite(context);
    await signIn(page, "next=/app");
    await expect(page).toHaveURL(`${origin}/app`);
    for (const raw of HOSTILE_NEXT) {
      // Signed in, /sign-in redirects straight to next.
      const res = await page.request.get(`/sign-in?next=${raw}`, { maxRedirects: 0 });
      expect(res.status(), raw).toBe(307);
      expect(res.headers().location, raw).toBe("/app");
      // The magic-link callback (not configured locally: back to /sign-in, without a hostile next).
      const cb = await page.request.get(`/auth/callback?code=x&next=${raw}`, { maxRedirects: 0 });
      const to = new URL(cb.headers().location!, origin);
      expect(to.origin, raw).toBe(origin);
      expect(to.searchParams.get("next"), raw).toBeNull();
    }
    // And the browser following the server redirect ends on /app.
    await page.goto(`/sign-in?next=${HOSTILE_NEXT[0]}`);
    await expect(page).toHaveURL(`${origin}/app`);
  });

  test("a safe next is kept", async ({ page, baseURL }) => {
    await signIn(page, `next=${encodeURIComponent("/app/settings")}`);
    await expect(page).toHaveURL(`${new URL(baseURL!).origin}/app/settings`);
  });
});

type Violation = { directive: string; blocked: string; source: string };

/** Records every securitypolicyviolation event and every console CSP (or Permissions-Policy) error, from the first byte on. */
async function watchCsp(page: Page) {
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (/content security policy|refused to|permissions-policy/i.test(m.text())) consoleErrors.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: Violation[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` });
    });
  });
  return async (where: string) => {
    const events = await page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp);
    expect({ where, events, consoleErrors }).toEqual({ where, events: [], consoleErrors: [] });
  };
}

/** JSON calls from inside the page, as the app makes them (same-origin fetch with the session cookie). */
async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(
    async ([m, p, b]) => {
      const r = await fetch(p as string, {
        method: m as string,
        headers: b === undefined ? {} : { "content-type": "application/json" },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: r.status, json: (await r.json()) as unknown };
    },
    [method, path, body] as const,
  );
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.json)}`).toBeLessThan(300);
  return res.json as T;
}

async function imageLoaded(page: Page, selector: string) {
  await expect.poll(() => page.locator(selector).first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}

test("every page runs under the CSP without a violation (Monaco, video, thumbnails)", async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  const origin = new URL(baseURL!).origin;
  await fenceOffSite(context);
  const clean = await watchCsp(page);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await clean("landing");
  await page.goto("/docs");
  await expect(page.getByRole("heading", { level: 1, name: "Framecast API" })).toBeVisible();
  await clean("docs");
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "This frame isn't in the storyboard" })).toBeVisible();
  await clean("404");

  await signIn(page, `next=${encodeURIComponent("/app/new")}`);
  await page.waitForURL(`${origin}/app/new`);
  await clean("sign-in");

  // The editor: Monaco mounts, takes keystrokes, and its YAML worker completes from the schema.
  await waitForMonaco(page);
  await setEditorText(page, "title: CSP test\n");
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("sc");
  await expect.poll(() => editorText(page)).toBe("title: CSP test\nsc");
  await page.keyboard.press("Control+Space");
  await expect(page.locator(".suggest-widget").getByText("scenes", { exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.screenshot({ path: `${ARTIFACTS}/csp-editor.png` });
  await clean("/app/new");

  // A team, its welcome project, a free draft render of it, and an invitation.
  const { team } = await call<{ team: { id: string } }>(page, "POST", "/v1/account/upgrade");
  const projects = await call<{ data: { id: string; name: string }[] }>(page, "GET", `/v1/teams/${team.id}/projects`);
  const project = projects.data.find((p) => p.name === "Welcome to Framecast")!;
  const job = await call<{ id: string }>(page, "POST", `/v1/projects/${project.id}/render`, { options: { preview: true } });
  const { token } = await call<{ token: string }>(page, "POST", `/v1/teams/${team.id}/invitations`, {
    email: `e2e-sec-guest-${Date.now()}@example.com`,
    role: "viewer",
  });
  await expect
    .poll(async () => (await call<{ status: string }>(page, "GET", `/v1/jobs/${job.id}`)).status, { timeout: 180_000 })
    .toBe("completed");

  // The video and its thumbnail come from object storage: media-src and img-src allow it.
  await page.goto(`/app/jobs/${job.id}`);
  const video = page.getByTestId("final-video");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  await imageLoaded(page, '[data-testid="job-thumbnail"]');
  await page.screenshot({ path: `${ARTIFACTS}/csp-job.png`, fullPage: true });
  await clean("job page");
  await page.goto("/app/jobs");
  await expect(page.locator(`[data-testid="job-row"][data-job-id="${job.id}"]`)).toBeVisible();
  await clean("/app/jobs");

  await page.goto(`/app/projects/${project.id}`);
  await waitForMonaco(page);
  await clean("project page");

  const pages: [string, (p: Page) => Promise<void>][] = [
    ["/app", (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible()],
    ["/app/settings", (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible()],
    ["/app/teams", (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible()],
    [`/app/teams/${team.id}`, (p) => expect(p.getByTestId("member-row")).toHaveCount(1)],
    [`/invite/${token}`, (p) => expect(p.getByTestId("invite")).toBeVisible()],
  ];
  for (const [path, ready] of pages) {
    await page.goto(path);
    await ready(page);
    await page.waitForLoadState("load");
    await clean(path);
  }
});

test("security headers on pages and API responses", async ({ request, baseURL }) => {
  const page = await request.get("/sign-in");
  const h = page.headers();
  const csp = h["content-security-policy"]!;
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic';/);
  if (process.env.EMBEDDED_S3_PORT) expect(csp).toContain(`connect-src 'self' http://127.0.0.1:${process.env.EMBEDDED_S3_PORT}`);
  // Next.js puts this request's nonce on its scripts.
  const html = await page.text();
  expect(html).toContain(`nonce="${nonce}"`);
  // A fresh nonce per response.
  const again = (await request.get("/sign-in")).headers()["content-security-policy"];
  expect(again).not.toContain(nonce!);

  const expectCommon = (headers: Record<string, string>, what: string) => {
    expect(headers["x-content-type-options"], what).toBe("nosniff");
    expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], what).toContain("camera=(), microphone=(), geolocation=()");
    // Served over http here: no HSTS (browsers would ignore it anyway).
    expect(headers["strict-transport-security"], what).toBe(new URL(baseURL!).protocol === "https:" ? expect.any(String) : undefined);
  };
  expectCommon(h, "page");

  const api = [
    await request.get("/v1/status"),
    await request.get("/v1/account"), // 401
    await request.delete("/v1/status"), // 405 from the proxy
    await request.get("/v1/no-such-thing"), // 404
    await request.get("/api/auth/sign-out"), // 405 from Next.js
  ];
  for (const res of api) {
    const what = `${res.url()} ${res.status()}`;
    expect(res.headers()["content-security-policy"], what).toBe("default-src 'none'; frame-ancestors 'none'");
    expectCommon(res.headers(), what);
  }
});
