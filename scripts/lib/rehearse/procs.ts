/** Child processes of the rehearsal: started with node (so signals reach the process doing the work), logs kept for a failure report. */
import { spawn, type ChildProcess } from "node:child_process";

export interface Proc {
  name: string;
  child: ChildProcess;
  /** The last lines it printed (stdout + stderr). */
  tail(): string;
  /** Resolves with the first stdout line matching. */
  line(match: RegExp): Promise<string>;
  exited: Promise<number | null>;
  signal(sig: NodeJS.Signals): Promise<number | null>;
}

export function startProc(name: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const waiters: { match: RegExp; resolve: (l: string) => void }[] = [];
  const onData = (b: Buffer) => {
    for (const l of b.toString().split("\n")) {
      if (!l) continue;
      lines.push(l);
      if (lines.length > 60) lines.shift();
      for (const w of [...waiters]) {
        if (w.match.test(l)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(l);
        }
      }
      if (process.env.REHEARSE_VERBOSE) process.stderr.write(`[${name}] ${l}\n`);
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    name,
    child,
    tail: () => lines.slice(-15).join("\n"),
    line: (match) =>
      new Promise((resolve, reject) => {
        const hit = lines.find((l) => match.test(l));
        if (hit) return resolve(hit);
        waiters.push({ match, resolve });
        void exited.then((code) => reject(new Error(`${name} exited (${code}) before printing ${match}:\n${lines.slice(-15).join("\n")}`)));
      }),
    exited,
    signal: async (sig) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(sig);
      return exited;
    },
  };
}
