import { expect } from "vitest";
import * as keys from "@/app/v1/auth/keys/route";
import * as transfers from "@/app/v1/credits/transfers/route";
import { call } from "./http";

/** POST /v1/credits/transfers as `token`. */
export function transfer(token: string, body: Record<string, unknown>) {
  return call(transfers.POST, { method: "POST", path: "/v1/credits/transfers", token, body });
}

/** A new API key for the caller (201 expected); its raw value. */
export async function newKey(token: string, body: Record<string, unknown> = {}) {
  const res = await call(keys.POST, { method: "POST", token, body: { name: "k", ...body } });
  expect(res.status, res.text).toBe(201);
  return res.json.raw_key as string;
}
