/**
 * The rehearsal's team-webhook receiver: HTTPS on 127.0.0.1 with a throwaway self-signed certificate
 * (openssl), which the app trusts through NODE_EXTRA_CA_CERTS — TLS stays verified in production.
 */
import { execFileSync } from "node:child_process";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";

export interface Delivery {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Receiver {
  origin: string;
  url: string;
  certFile: string;
  /** Resolves with the first delivery (past or future) that `match` accepts. */
  waitFor(match: (d: Delivery) => boolean): Promise<Delivery>;
  stop(): Promise<void>;
}

export async function startReceiver(dir: string, port: number): Promise<Receiver> {
  const [key, cert] = [path.join(dir, "receiver-key.pem"), path.join(dir, "receiver-cert.pem")];
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
  const received: Delivery[] = [];
  const events = new EventEmitter();
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const d = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(d);
      res.writeHead(200).end("ok");
      events.emit("delivery", d);
    });
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  const origin = `https://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/hooks/framecast`,
    certFile: cert,
    waitFor: (match) =>
      new Promise((resolve) => {
        const found = received.find(match);
        if (found) return resolve(found);
        const on = (d: Delivery) => {
          if (!match(d)) return;
          events.off("delivery", on);
          resolve(d);
        };
        events.on("delivery", on);
      }),
    stop: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
