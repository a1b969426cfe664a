/**
 * The anonymous caller's address, for the per-IP rate limit. Route handlers never see the socket,
 * so the server stamps its peer address onto every request through Node's `http.server.request.start`
 * diagnostics channel (published before the request reaches Next.js), overwriting whatever the client
 * sent under that header name. The stamp carries a per-process secret, so a forged header is ignored
 * even if a request arrived before the subscription. X-Forwarded-For counts only with TRUST_PROXY hops.
 */
import { createHash, randomBytes } from "node:crypto";
import dc from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { isIPv6 } from "node:net";
import type { Socket } from "node:net";

export const PEER_HEADER = "x-framecast-peer";

interface PeerStamp {
  secret: string;
  subscribed: boolean;
}

// Shared through globalThis: Next bundles instrumentation and each route separately.
const KEY = Symbol.for("framecast.peer-stamp");
const store = globalThis as unknown as Record<symbol, PeerStamp | undefined>;

function stamp(): PeerStamp {
  return (store[KEY] ??= { secret: randomBytes(16).toString("hex"), subscribed: false });
}

/** The header value that says "this request came from `address`", as the stamping server writes it. */
export function peerHeaderValue(address: string): string {
  return `${stamp().secret} ${address}`;
}

/** Subscribes the stamp once per process (instrumentation calls it at startup; route.ts on import). */
export function stampPeerAddresses(): void {
  const s = stamp();
  if (s.subscribed) return;
  s.subscribed = true;
  dc.subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const address = socket.remoteAddress;
    if (address) request.headers[PEER_HEADER] = peerHeaderValue(address);
    else delete request.headers[PEER_HEADER];
  });
}

function peerAddress(headers: Headers): string | null {
  const value = headers.get(PEER_HEADER);
  const prefix = `${stamp().secret} `;
  return value?.startsWith(prefix) ? value.slice(prefix.length) : null;
}

/**
 * With `trustedHops` = 0 the socket peer; with n > 0 the n-th X-Forwarded-For entry from the right
 * (each trusted proxy appends the address it saw). A chain shorter than n falls back to the peer, and
 * no known peer to "unknown": both share one bucket, limiting harder rather than not at all.
 */
export function clientAddress(headers: Headers, trustedHops: number): string {
  if (trustedHops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim());
    const entry = chain.length >= trustedHops ? chain[chain.length - trustedHops] : undefined;
    if (entry) return normalize(entry);
  }
  const peer = peerAddress(headers);
  return peer ? normalize(peer) : "unknown";
}

/** IPv4-mapped IPv6 as IPv4; other IPv6 addresses by their /64 (one host usually holds a whole /64). */
function normalize(address: string): string {
  const a = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!isIPv6(a)) return a;
  const [head = "", tail = ""] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const full = a.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${full.slice(0, 4).map((h) => h.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/** The rate-limit bucket for an address: hashed, so its length is bounded whatever the header held. */
export function addressBucket(address: string): string {
  return `ip:${createHash("sha256").update(address).digest("base64url").slice(0, 32)}`;
}
