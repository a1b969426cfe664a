/**
 * Embedded backing services for development and tests: PGlite over the Postgres wire protocol and
 * s3rver. Both run as child processes so Ctrl-C (or test teardown) stops them cleanly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
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

/** s3rver with the given buckets, each with browser CORS. */
export async function startS3(opts: { dir: string; port: number; buckets: string[]; quiet?: boolean }): Promise<Service> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const corsFile = path.join(opts.dir, "..", "s3-cors.xml");
  fs.writeFileSync(corsFile, CORS_XML);
  const args = ["-d", opts.dir, "-a", "127.0.0.1", "-p", String(opts.port), "--silent"];
  for (const b of opts.buckets) args.push("--configure-bucket", b, corsFile);
  const child = spawn(bin("s3rver"), args, { stdio: ["ignore", "pipe", "pipe"] });
  pipeLogs(child, "s3", opts.quiet ?? true);
  await Promise.race([
    waitForPort(opts.port),
    new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`s3rver exited with ${code}`)))),
  ]);
  return { url: `http://127.0.0.1:${opts.port}`, stop: () => stopChild(child) };
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
