/**
 * MailDev, the local mail catcher `just dev` starts when SMTP_URL is unset: it accepts SMTP on
 * 127.0.0.1:`smtpPort` and shows every message in its web UI (and REST API) on `webPort`.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { waitForPort, type Service } from "./embedded";

export interface MailCatcher extends Service {
  /** SMTP_URL for the app. */
  smtpUrl: string;
  /** The web UI and REST API (GET /email lists messages). */
  webUrl: string;
}

export async function startMailDev(opts: { smtpPort: number; webPort: number; quiet?: boolean; dir?: string }): Promise<MailCatcher> {
  const args = ["--smtp", String(opts.smtpPort), "--web", String(opts.webPort), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1"];
  if (opts.dir) args.push("--mail-directory", opts.dir);
  if (opts.quiet ?? true) args.push("--silent");
  const child = spawn(path.join(process.cwd(), "node_modules", ".bin", "maildev"), args, { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.resume();
  child.stderr?.resume();
  await Promise.race([
    Promise.all([waitForPort(opts.smtpPort), waitForPort(opts.webPort)]),
    new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`maildev exited with ${code}`)))),
  ]);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
      child.once("exit", () => (clearTimeout(timer), resolve()));
      child.kill("SIGTERM");
    });
  return { url: `smtp://127.0.0.1:${opts.smtpPort}`, smtpUrl: `smtp://127.0.0.1:${opts.smtpPort}`, webUrl: `http://localhost:${opts.webPort}`, stop };
}

/** A message as MailDev's REST API (GET /email) lists it. */
export interface CaughtEmail {
  id: string;
  subject: string;
  text?: string;
  html?: string;
  to: { address: string; name?: string }[];
  from: { address: string; name?: string }[];
}

export async function caughtEmails(webUrl: string): Promise<CaughtEmail[]> {
  const res = await fetch(`${webUrl.replace("localhost", "127.0.0.1")}/email`);
  if (!res.ok) throw new Error(`MailDev GET /email answered ${res.status}`);
  return (await res.json()) as CaughtEmail[];
}
