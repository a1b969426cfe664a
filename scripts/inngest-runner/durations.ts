/** Inngest-style durations ("1s", "30m", "2h30m10s", "1w", "500ms") and sleepUntil timestamps. */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000, sec: 1_000, secs: 1_000, second: 1_000, seconds: 1_000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  w: 604_800_000, week: 604_800_000, weeks: 604_800_000,
};

const PART = /(\d+(?:\.\d+)?)\s*([a-z]+)\s*/gy;

/** Milliseconds for a duration string; a bare number is milliseconds. Throws when unparseable. */
export function parseDuration(input: string | number): number {
  if (typeof input === "number") return input;
  const s = input.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  let total = 0;
  let pos = 0;
  PART.lastIndex = 0;
  for (let m = PART.exec(s); m; m = PART.exec(s)) {
    const unit = UNIT_MS[m[2]!];
    if (unit === undefined) break;
    total += Number(m[1]) * unit;
    pos = PART.lastIndex;
  }
  if (!s || pos !== s.length) throw new Error(`invalid duration "${input}"`);
  return total;
}

/** When a `Sleep` op is due: its name is a duration, or an ISO timestamp for sleepUntil. */
export function dueAt(nameOrTime: string, now: Date): Date {
  try {
    return new Date(now.getTime() + parseDuration(nameOrTime));
  } catch {
    const at = Date.parse(nameOrTime);
    if (Number.isNaN(at)) throw new Error(`invalid sleep "${nameOrTime}"`);
    return new Date(at);
  }
}
