/**
 * The rehearsal's S3 store: s3rver on a private Unix socket behind the same SigV4-verifying front
 * as the embedded store (lib/storage/sigv4-proxy.ts), but with credentials of the rehearsal's own
 * (not the embedded S3RVER pair) on a port of its own — what the production guard demands.
 * Args: --dir= --port= --socket= --bucket=… ; env REHEARSAL_S3_ACCESS_KEY_ID / REHEARSAL_S3_SECRET_ACCESS_KEY.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { createVerifyingProxy } from "@/lib/storage/sigv4-proxy";

interface S3rverApp {
  configureBuckets(): Promise<unknown>;
  listen(path: string): Promise<unknown>;
}
const require = createRequire(import.meta.url);
const S3rver = require("s3rver") as new (opts: Record<string, unknown>) => S3rverApp;
// s3rver looks the access key id up (it does not check v4 signatures: the front does).
const account = require("s3rver/lib/models/account") as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };

const arg = (name: string) => process.argv.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
const credentials = { accessKeyId: process.env.REHEARSAL_S3_ACCESS_KEY_ID!, secretAccessKey: process.env.REHEARSAL_S3_SECRET_ACCESS_KEY! };
if (!credentials.accessKeyId || !credentials.secretAccessKey) throw new Error("REHEARSAL_S3_ACCESS_KEY_ID / REHEARSAL_S3_SECRET_ACCESS_KEY are required");
account.DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);

const [dir, port, socketPath] = [arg("dir")[0]!, Number(arg("port")[0]), arg("socket")[0]!];
const store = new S3rver({ directory: dir, silent: true, configureBuckets: arg("bucket").map((name) => ({ name })) });
await store.configureBuckets();
fs.rmSync(socketPath, { force: true });
await store.listen(socketPath);
createVerifyingProxy({ socketPath, credentials }).listen(port, "127.0.0.1");
process.on("SIGINT", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
