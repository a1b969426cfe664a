/**
 * A local stand-in for Supabase Auth's asymmetric signing keys: a JWKS served over HTTP on
 * 127.0.0.1 (the shape of /auth/v1/.well-known/jwks.json) and tokens signed with its private keys.
 * Keys can be added (rotation) and removed; every fetch is counted and announced.
 */
import { EventEmitter, once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";

export type AsymmetricAlg = "ES256" | "RS256";

interface IssuerKey {
  kid: string;
  alg: AsymmetricAlg;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface JwksIssuer {
  url: string;
  /** JWKS fetches served so far. */
  fetches(): number;
  /** Resolves at the next JWKS fetch. */
  nextFetch(): Promise<void>;
  /** A new key pair; `publish: false` keeps it out of the JWKS until publish(kid). */
  addKey(alg: AsymmetricAlg, opts?: { publish?: boolean }): Promise<IssuerKey>;
  publish(kid: string): void;
  sign(key: IssuerKey, claims: Record<string, unknown>, opts?: { kid?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startJwksIssuer(): Promise<JwksIssuer> {
  const keys = new Map<string, IssuerKey>();
  const published = new Set<string>();
  const events = new EventEmitter();
  let fetches = 0;
  const server = http.createServer((req, res) => {
    if (req.url !== "/auth/v1/.well-known/jwks.json") return void res.writeHead(404).end();
    fetches++;
    const body = JSON.stringify({ keys: [...published].map((kid) => keys.get(kid)!.publicJwk) });
    res.writeHead(200, { "content-type": "application/json", "cache-control": "public, max-age=600" }).end(body);
    events.emit("fetch");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  let n = 0;
  return {
    url: `http://127.0.0.1:${port}/auth/v1/.well-known/jwks.json`,
    fetches: () => fetches,
    nextFetch: () => once(events, "fetch").then(() => undefined),
    async addKey(alg, opts = {}) {
      const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
      const kid = `key-${++n}-${alg.toLowerCase()}`;
      const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig", key_ops: ["verify"] };
      const key = { kid, alg, privateKey, publicJwk };
      keys.set(kid, key);
      if (opts.publish !== false) published.add(kid);
      return key;
    },
    publish: (kid) => void published.add(kid),
    sign(key, claims, opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      // Explicit claims win over the defaults (tests mint expired or future-dated tokens).
      return new SignJWT({ role: "authenticated", aal: "aal1", aud: "authenticated", iat: now, exp: now + 3600, ...claims })
        .setProtectedHeader({ alg: key.alg, kid: opts.kid ?? key.kid, typ: "JWT" })
        .sign(key.privateKey);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
