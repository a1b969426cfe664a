/**
 * `just test-e2e`: builds the app if needed, starts it the README way (embedded PostgreSQL and S3,
 * a fresh data dir, ports of its own) plus a second app process on the same database (for
 * shared-state tests), runs Playwright and stops everything. With E2E_BASE_URL set it only runs
 * Playwright against that server.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { embeddedS3Env, freePort } from "./lib/embedded";
import { startStack, stopChild, waitForHttp, type Stack } from "./lib/stack";

const args = process.argv.slice(2);

function runPlaywright(env: NodeJS.ProcessEnv): number {
  const res = spawnSync(path.join("node_modules", ".bin", "playwright"), ["test", ...args], { stdio: "inherit", env });
  return res.status ?? 1;
}

async function main(): Promise<number> {
  if (process.env.E2E_BASE_URL) return runPlaywright(process.env);
  let stack: Stack | undefined;
  let second: ChildProcess | undefined;
  try {
    // The AI assistant talks to a fake Messages API that e2e/assistant.spec.ts starts on this port.
    const anthropicPort = await freePort();
    // Webhooks go to a local HTTPS receiver the tests start (private addresses: development flag).
    stack = await startStack({ ANTHROPIC_API_KEY: "sk-ant-e2e", ANTHROPIC_BASE_URL: `http://127.0.0.1:${anthropicPort}`, WEBHOOK_ALLOW_PRIVATE: "true" });
    const port2 = await freePort();
    second = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(port2)], {
      stdio: "inherit",
      env: {
        ...stack.env,
        PORT: String(port2),
        APP_URL: `http://localhost:${port2}`,
        DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${stack.pgPort}/postgres`,
        DATABASE_POOL_MAX: "4",
        NODE_ENV: "test",
        ...embeddedS3Env(stack.s3Port),
        RENDER_WORKER_URL: `http://127.0.0.1:${stack.workerPort}`,
        INNGEST_BASE_URL: `http://127.0.0.1:${stack.runnerPort}`,
        SMTP_URL: `smtp://127.0.0.1:${stack.env.MAILDEV_SMTP_PORT}`,
      },
    });
    await waitForHttp(`http://localhost:${port2}/v1/status`);
    return runPlaywright({ ...stack.env, E2E_BASE_URL: stack.base, E2E_SECOND_URL: `http://localhost:${port2}`, E2E_ANTHROPIC_PORT: String(anthropicPort), E2E_MAILDEV_URL: stack.mailUrl });
  } finally {
    if (second) await stopChild(second);
    await stack?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`[e2e] failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
