/**
 * Supabase asymmetric signing keys: access tokens verified against the project's JWKS (a local
 * issuer on 127.0.0.1), by kid, cached, refetched after a rotation; HS256 still works with the
 * legacy secret, and the token's alg cannot pick a weaker path.
 */
import { randomUUID } from "node:crypto";
import { SignJWT, UnsecuredJWT, exportSPKI, importJWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as account from "@/app/v1/account/route";
import { setJwksTiming } from "@/lib/auth/jwt";
import { resetConfig } from "@/lib/config";
import { TEST_JWT_SECRET } from "../env";
import { call, newIdentity } from "../helpers/http";
import { startJwksIssuer, type JwksIssuer } from "./jwks-issuer";

let issuer: JwksIssuer;
let undoTiming: () => void;
const saved = { ...process.env };

function user() {
  const sub = randomUUID();
  return { sub, email: `jwks-${sub.slice(0, 8)}@example.com` };
}

beforeAll(async () => {
  issuer = await startJwksIssuer();
  // Every test publishes keys of its own: no cooldown between refetches for an unknown kid (production waits 30 s).
  undoTiming = setJwksTiming({ cooldownMs: 0 });
  Object.assign(process.env, {
    SUPABASE_URL: "http://127.0.0.1:9",
    SUPABASE_JWKS_URL: issuer.url,
    SUPABASE_ANON_KEY: "anon",
    RENDER_CALLBACK_SECRET: "r".repeat(40),
  });
  resetConfig();
});

afterAll(async () => {
  for (const k of ["SUPABASE_URL", "SUPABASE_JWKS_URL", "SUPABASE_ANON_KEY", "RENDER_CALLBACK_SECRET"]) delete process.env[k];
  Object.assign(process.env, saved);
  resetConfig();
  undoTiming();
  await issuer.close();
});

describe("Supabase JWKS verification", () => {
  it("a valid ES256 token → 200; the key set is fetched once and then served from the cache", async () => {
    const key = await issuer.addKey("ES256");
    const before = issuer.fetches();
    const u = user();
    const res = await call(account.GET, { token: await issuer.sign(key, { sub: u.sub, email: u.email }) });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: u.sub, email: u.email });
    const u2 = user();
    expect((await call(account.GET, { token: await issuer.sign(key, { sub: u2.sub, email: u2.email }) })).status).toBe(200);
    expect(issuer.fetches() - before).toBe(1);
  });

  it("RS256 keys work too", async () => {
    const key = await issuer.addKey("RS256");
    const u = user();
    const res = await call(account.GET, { token: await issuer.sign(key, { sub: u.sub, email: u.email }) });
    expect(res.status).toBe(200);
  });

  it("an unknown kid → 401; a rotated-in key whose kid appears in the JWKS later → 200 after a refetch", async () => {
    {
      const current = await issuer.addKey("ES256");
      const u = user();
      expect((await call(account.GET, { token: await issuer.sign(current, { sub: u.sub, email: u.email }) })).status).toBe(200);

      const next = await issuer.addKey("ES256", { publish: false });
      const token = await issuer.sign(next, { sub: u.sub, email: u.email });
      const unknown = await call(account.GET, { token });
      expect(unknown.status).toBe(401);
      expect(unknown.json.error.code).toBe("UNAUTHORIZED");

      issuer.publish(next.kid);
      const fetched = issuer.nextFetch();
      const rotated = await call(account.GET, { token });
      await fetched;
      expect(rotated.status).toBe(200);
      expect(rotated.json).toMatchObject({ id: u.sub });
      // The old key keeps working while it is still published.
      expect((await call(account.GET, { token: await issuer.sign(current, { sub: u.sub, email: u.email }) })).status).toBe(200);
    }
  });

  it("claim rules hold for JWKS tokens: wrong role, wrong audience, no email, a non-UUID sub, expired → 401", async () => {
    const key = await issuer.addKey("ES256");
    const u = user();
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      await issuer.sign(key, { sub: u.sub, email: u.email, role: "service_role" }),
      await issuer.sign(key, { sub: u.sub, email: u.email, aud: "anon" }),
      await issuer.sign(key, { sub: u.sub }),
      await issuer.sign(key, { sub: "not-a-uuid", email: u.email }),
      await issuer.sign(key, { sub: u.sub, email: u.email, exp: now - 10 }),
      await issuer.sign(key, { sub: u.sub, email: u.email, iat: now + 600 }),
    ];
    for (const token of bad) expect((await call(account.GET, { token })).status).toBe(401);
  });

  it("alg confusion: `none`, and HS256 signed with the public key as the secret → 401", async () => {
    const key = await issuer.addKey("RS256");
    const u = user();
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: u.sub, email: u.email, role: "authenticated", aud: "authenticated", iat: now, exp: now + 600 };
    const none = new UnsecuredJWT(claims).encode();
    const pem = await exportSPKI((await importJWK(key.publicJwk, "RS256", { extractable: true })) as CryptoKey);
    const forged = [
      none,
      await new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid: key.kid }).sign(new TextEncoder().encode(pem)),
      await new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid: key.kid }).sign(new TextEncoder().encode(JSON.stringify(key.publicJwk))),
    ];
    for (const token of forged) expect((await call(account.GET, { token })).status).toBe(401);
  });

  it("with both a JWT secret and a JWKS the token's alg picks the key; without the secret HS256 tokens are refused", async () => {
    const key = await issuer.addKey("ES256");
    const hs = await newIdentity();
    expect((await call(account.GET, { token: hs.token })).status).toBe(200);
    const u = user();
    expect((await call(account.GET, { token: await issuer.sign(key, { sub: u.sub, email: u.email }) })).status).toBe(200);
    // An ES256 header over an HS256 signature (and the reverse) never verifies.
    const [, body, sig] = hs.token.split(".");
    const relabeled = `${Buffer.from(JSON.stringify({ alg: "ES256", kid: key.kid })).toString("base64url")}.${body}.${sig}`;
    expect((await call(account.GET, { token: relabeled })).status).toBe(401);

    delete process.env.SUPABASE_JWT_SECRET;
    resetConfig();
    try {
      expect((await call(account.GET, { token: hs.token })).status).toBe(401);
      const v = user();
      expect((await call(account.GET, { token: await issuer.sign(key, { sub: v.sub, email: v.email }) })).status).toBe(200);
    } finally {
      process.env.SUPABASE_JWT_SECRET = TEST_JWT_SECRET;
      resetConfig();
    }
  });
});
