/** The synced function configs: stored on /fn/register, kept in memory for matching. */
import { json, type Sql } from "./db";
import { parseDuration } from "./durations";
import { compile, evaluate, matches } from "./expressions";
import type { Logger } from "./log";
import type { ConcurrencyOption, FunctionConfig, InngestEvent } from "./types";

/** Inngest's default is 3 retries, i.e. 4 attempts. */
const DEFAULT_RETRIES = 3;
const UNSUPPORTED = ["batchEvents", "rateLimit", "throttle", "debounce", "singleton", "priority"] as const;

export class Registry {
  private fns = new Map<string, FunctionConfig>();

  constructor(private readonly sql: Sql, private readonly log: Logger) {}

  async load(): Promise<void> {
    const rows = await this.sql<{ config: FunctionConfig }[]>`select config from inngest_local.functions`;
    this.fns = new Map(rows.map((r) => [r.config.id, r.config]));
  }

  /** Replaces the app's functions with the ones in a register body. */
  async register(app: string, url: string, functions: FunctionConfig[]): Promise<void> {
    const ids = functions.map((f) => f.id);
    await this.sql.begin(async (tx) => {
      await tx`delete from inngest_local.functions where app = ${app} and not (id = any(${ids}))`;
      for (const fn of functions) {
        await tx`insert into inngest_local.functions (id, app, url, config) values (${fn.id}, ${app}, ${url}, ${json(tx, fn)})
                 on conflict (id) do update set app = excluded.app, url = excluded.url, config = excluded.config, updated_at = now()`;
      }
    });
    for (const fn of functions) this.check(fn);
    await this.load();
  }

  get(id: string): FunctionConfig | undefined {
    return this.fns.get(id);
  }

  all(): FunctionConfig[] {
    return [...this.fns.values()];
  }

  /** Says which options the runner ignores and which expressions or durations it cannot parse. */
  private check(fn: FunctionConfig) {
    const ignored: string[] = UNSUPPORTED.filter((k) => fn[k] !== undefined);
    if (fn.triggers.some((t) => t.cron)) ignored.push("cron");
    if (ignored.length) this.log.warn({ function: fn.id, ignored }, "function options not supported by the local runner");
    const checks: Array<[string, () => unknown]> = [
      ...expressionsOf(fn).map((e): [string, () => unknown] => ["expression will never match", () => compile(e)]),
      ...durationsOf(fn).map((d): [string, () => unknown] => ["duration ignored", () => parseDuration(d)]),
    ];
    for (const [problem, check] of checks) {
      try {
        check();
      } catch (err) {
        this.log.warn({ function: fn.id, err: (err as Error).message }, problem);
      }
    }
  }
}

function expressionsOf(fn: FunctionConfig): string[] {
  const raw = fn.concurrency;
  const concurrency = typeof raw === "object" ? (Array.isArray(raw) ? raw : [raw]) : [];
  return [
    ...fn.triggers.map((t) => t.expression),
    ...(fn.cancel ?? []).map((c) => c.if),
    ...concurrency.map((c) => c.key),
    fn.idempotency,
  ].filter((e): e is string => !!e);
}

function durationsOf(fn: FunctionConfig): string[] {
  return [fn.timeouts?.start, fn.timeouts?.finish, ...(fn.cancel ?? []).map((c) => c.timeout)].filter((d): d is string => !!d);
}

export function triggeredBy(fn: FunctionConfig, event: InngestEvent): boolean {
  return fn.triggers.some((t) => t.event !== undefined && nameMatches(t.event, event.name) && safeMatch(t.expression, { event }));
}

export function nameMatches(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

export function maxAttempts(fn: FunctionConfig | undefined): number {
  const retries = fn?.steps.step?.retries?.attempts;
  return (typeof retries === "number" && retries >= 0 ? retries : DEFAULT_RETRIES) + 1;
}

/** Concurrency slots a run takes: one `{key, limit}` per option, the key already evaluated. */
export function concurrencyKeys(fn: FunctionConfig, event: InngestEvent): Array<{ key: string; limit: number }> {
  const raw = fn.concurrency;
  const options: ConcurrencyOption[] = raw === undefined ? [] : typeof raw === "number" ? [{ limit: raw }] : Array.isArray(raw) ? raw : [raw];
  return options
    .filter((o) => o.limit > 0)
    .map((o) => {
      const scope = o.scope && o.scope !== "fn" ? `${o.scope}:${o.key ?? ""}` : `fn:${fn.id}`;
      const value = o.key ? safeEvaluate(o.key, { event }) : undefined;
      return { key: o.key ? `${scope}:${JSON.stringify(value ?? null)}` : scope, limit: o.limit };
    });
}

export function idempotencyKey(fn: FunctionConfig, event: InngestEvent): string | null {
  if (!fn.idempotency) return null;
  return JSON.stringify(safeEvaluate(fn.idempotency, { event }) ?? null);
}

/** Deadline from a duration option; no deadline when the duration is missing or invalid. */
export function deadline(duration: string | undefined, from: Date): Date | null {
  if (!duration) return null;
  try {
    return new Date(from.getTime() + parseDuration(duration));
  } catch {
    return null;
  }
}

/** Expressions come from app code: a broken one must not stop the runner, it just never matches. */
export function safeMatch(expression: string | undefined, vars: Record<string, unknown>): boolean {
  try {
    return matches(expression, vars);
  } catch {
    return false;
  }
}

function safeEvaluate(expression: string, vars: Record<string, unknown>): unknown {
  try {
    return evaluate(expression, vars);
  } catch {
    return undefined;
  }
}
