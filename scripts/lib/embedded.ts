/**
 * Embedded backing services for development and tests: PGlite over the Postgres wire protocol and
 * s3rver behind a SigV4-verifying front. Both run as child processes so Ctrl-C (or test teardown) stops them cleanly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);

export interface Service {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export async function waitForPort(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
    child.once("exit", () => (clearTimeout(timer), resolve()));
    child.kill("SIGINT");
  });
}

function pipeLogs(child: ChildProcess, name: string, quiet: boolean) {
  if (quiet) {
    child.stdout?.resume();
    child.stderr?.resume();
    return;
  }
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((l) => `[${name}] ${l}\n`)
      .join("");
  child.stdout?.on("data", (c: Buffer) => process.stdout.write(prefix(c)));
  child.stderr?.on("data", (c: Buffer) => process.stderr.write(prefix(c)));
}

/** PGlite served over the wire protocol (scripts/pglite-server.mjs). `dir` undefined = in memory. */
export async function startPglite(opts: { dir?: string; port: number; quiet?: boolean; maxConnections?: number }): Promise<Service> {
  if (opts.dir) fs.mkdirSync(opts.dir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      path.join(process.cwd(), "scripts", "pglite-server.mjs"),
      `--db=${opts.dir ?? "memory://"}`,
      `--port=${opts.port}`,
      `--max-connections=${opts.maxConnections ?? 24}`,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  pipeLogs(child, "postgres", opts.quiet ?? true);
  await Promise.race([
    waitForPort(opts.port),
    new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`pglite-server exited with ${code}`)))),
  ]);
  return { url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`, stop: () => stopChild(child) };
}

const CORS_XML = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/**
 * The one set of credentials the embedded S3 store accepts (every client of the local stack signs
 * with it). s3rver only knows the access key id "S3RVER"; the secret is checked by our front.
 */
export const EMBEDDED_S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

/** The S3_* settings a client of the embedded store on `port` needs. */
export function embeddedS3Env(port: number): Record<string, string> {
  return {
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_ACCESS_KEY_ID: EMBEDDED_S3_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.secretAccessKey,
  };
}

/**
 * The embedded S3 store (scripts/s3-server.ts): s3rver with the given buckets, each with browser
 * CORS, behind a front on 127.0.0.1:`port` that refuses every request without a valid SigV4
 * signature by EMBEDDED_S3_CREDENTIALS.
 */
export async function startS3(opts: { dir: string; port: number; buckets: string[]; quiet?: boolean }): Promise<Service> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const corsFile = path.join(opts.dir, "..", "s3-cors.xml");
  fs.writeFileSync(corsFile, CORS_XML);
  // A private directory (0700) for s3rver's socket: only the front reaches it.
  const sockDir = fs.mkdtempSync(path.join(os.tmpdir(), "framecast-s3-"));
  const args = [path.join(process.cwd(), "scripts", "s3-server.ts"), `--dir=${opts.dir}`, `--port=${opts.port}`, `--socket=${path.join(sockDir, "s3.sock")}`, `--cors=${corsFile}`];
  for (const b of opts.buckets) args.push(`--bucket=${b}`);
  const child = spawn(bin("tsx"), args, { stdio: ["ignore", "pipe", "pipe"] });
  pipeLogs(child, "s3", opts.quiet ?? true);
  await Promise.race([
    waitForPort(opts.port),
    new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`the embedded S3 store exited with ${code}`)))),
  ]);
  const stop = async () => {
    await stopChild(child);
    fs.rmSync(sockDir, { recursive: true, force: true });
  };
  return { url: `http://127.0.0.1:${opts.port}`, stop };
}

/**
 * For admin scripts (seed, cleanup): S3_ENDPOINT when set; else the running `just dev` store on
 * EMBEDDED_S3_PORT, or one started on DATA_DIR for the duration. Sets the S3_* settings to match.
 */
export async function ensureStorage(forWhat: string): Promise<{ stop: () => Promise<void> }> {
  const env = process.env;
  if (env.S3_ENDPOINT) return { stop: async () => {} };
  const port = Number(env.EMBEDDED_S3_PORT ?? 4569);
  Object.assign(env, embeddedS3Env(port));
  if (await isPortOpen(port)) return { stop: async () => {} };
  const buckets = [env.S3_BUCKET_OUTPUTS ?? "framecast-outputs", env.S3_BUCKET_ASSETS ?? "framecast-assets"];
  if (env.S3_BUCKET_SYSTEM) buckets.push(env.S3_BUCKET_SYSTEM);
  process.stdout.write(`starting embedded S3 on 127.0.0.1:${port} for ${forWhat}\n`);
  return startS3({ dir: path.resolve(env.DATA_DIR ?? ".data", "s3"), port, buckets });
}

/** A TypeScript service of ours (the render worker, the Inngest runner) as a child process. */
export async function startScript(opts: {
  name: string;
  script: string;
  port: number;
  env: NodeJS.ProcessEnv;
  quiet?: boolean;
}): Promise<Service & { child: ChildProcess }> {
  const child = spawn(bin("tsx"), [opts.script], { stdio: ["ignore", "pipe", "pipe"], env: opts.env });
  pipeLogs(child, opts.name, opts.quiet ?? false);
  await Promise.race([
    waitForPort(opts.port),
    new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`${opts.name} exited with ${code}`)))),
  ]);
  return { url: `http://127.0.0.1:${opts.port}`, child, stop: () => stopChild(child) };
}
