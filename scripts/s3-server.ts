/**
 * The embedded S3 store (child process of `startS3` in scripts/lib/embedded.ts): s3rver on a Unix
 * socket in a private directory, behind the SigV4-verifying front (lib/storage/sigv4-proxy.ts) on
 * 127.0.0.1:<port>. Arguments: --dir=<data> --port=<n> --socket=<path> --cors=<xml file> --bucket=<name>…
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { createVerifyingProxy } from "@/lib/storage/sigv4-proxy";
import { EMBEDDED_S3_CREDENTIALS } from "./lib/embedded";

interface S3rverApp {
  configureBuckets(): Promise<unknown>;
  listen(path: string): Promise<unknown>;
}
type S3rverCtor = new (opts: Record<string, unknown>) => S3rverApp;
const S3rver = createRequire(import.meta.url)("s3rver") as S3rverCtor;

const arg = (name: string) => process.argv.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
const [dir, port, socketPath, cors] = [arg("dir")[0]!, Number(arg("port")[0]), arg("socket")[0]!, arg("cors")[0]!];

const corsXml = fs.readFileSync(cors);
const store = new S3rver({ directory: dir, silent: true, configureBuckets: arg("bucket").map((name) => ({ name, configs: [corsXml] })) });
await store.configureBuckets();
fs.rmSync(socketPath, { force: true });
await store.listen(socketPath);
const front = createVerifyingProxy({ socketPath, credentials: EMBEDDED_S3_CREDENTIALS });
front.listen(port, "127.0.0.1");
process.on("SIGINT", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
