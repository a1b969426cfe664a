/** Sortable ids in the ULID format Inngest uses for runs and events. */
import { createHash, randomBytes } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function encode(ms: number, entropy: Uint8Array): string {
  let time = "";
  for (let i = 0, t = ms; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  let rest = "";
  for (const b of entropy.subarray(0, 16)) rest += CROCKFORD[b % 32];
  return time + rest;
}

export function ulid(ms = Date.now()): string {
  return encode(ms, randomBytes(16));
}

/**
 * The SDK sends `x-inngest-event-id-seed: <ms>,<base64>` and keeps it across its own retries of
 * one send, so ids derived from it make a retried POST store each event once.
 */
export function seededIds(seed: string | undefined, count: number): string[] {
  const [ms, entropy] = (seed ?? "").split(",");
  const time = Number(ms);
  if (!entropy || !Number.isFinite(time)) return Array.from({ length: count }, () => ulid());
  return Array.from({ length: count }, (_, i) => encode(time, createHash("sha256").update(`${seed}#${i}`).digest()));
}
