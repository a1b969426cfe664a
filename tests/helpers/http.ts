import { randomBytes, randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { signSupabaseToken } from "@/lib/auth/jwt";
import { PEER_HEADER, peerHeaderValue } from "@/lib/http/client-ip";
import { TEST_JWT_SECRET } from "../env";

type RouteFn = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path?: string;
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string | Uint8Array;
  params?: Record<string, string>;
}

/** Calls a route handler in-process with a real Request, as Next would. */
/**
 * In-process calls have no socket: stamp one client address per test file (as the server stamps the
 * peer), so anonymous requests of different files never share a rate-limit bucket — on the embedded
 * database every file shares one counter table.
 */
const FILE_PEER = `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1`;

export async function call(handler: RouteFn, opts: CallOptions = {}) {
  const headers = new Headers(opts.headers);
  if (!headers.has(PEER_HEADER)) headers.set(PEER_HEADER, peerHeaderValue(FILE_PEER));
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  let body: BodyInit | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody as BodyInit;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers.set("content-type", "application/json");
  }
  const req = new NextRequest(new URL(opts.path ?? "/v1/x", "http://localhost:3000"), {
    method: opts.method ?? "GET",
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response shapes
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A fresh identity and its Supabase-shaped token, minted with the test secret. */
export async function newIdentity(opts: { expiresInSeconds?: number; secret?: string } = {}) {
  const sub = randomUUID();
  const email = `user-${sub.slice(0, 8)}@example.com`;
  const token = await signSupabaseToken({ sub, email }, { secret: opts.secret ?? TEST_JWT_SECRET, ...opts });
  return { sub, email, token };
}
