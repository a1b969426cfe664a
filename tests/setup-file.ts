/** Runs before each integration test file: a database of its own (on a real server) and test env. */
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { resetConfig } from "@/lib/config";
import { closeDb } from "@/lib/db/client";
import { EMBEDDED_S3_CREDENTIALS } from "@/scripts/lib/embedded";
import { TEST_ENV } from "./env";

Object.assign(process.env, TEST_ENV, {
  S3_ENDPOINT: inject("s3Endpoint"),
  S3_ACCESS_KEY_ID: EMBEDDED_S3_CREDENTIALS.accessKeyId,
  S3_SECRET_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.secretAccessKey,
});

const templateUrl = inject("templateUrl");
if (inject("dbMode") === "server") {
  const u = new URL(templateUrl);
  const template = u.pathname.slice(1);
  const name = `${template}_f${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(templateUrl.replace(`/${template}`, "/postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${template}"`);
  await admin.end();
  u.pathname = `/${name}`;
  process.env.DATABASE_URL = u.toString();
} else {
  process.env.DATABASE_URL = templateUrl;
}
resetConfig();

afterAll(async () => {
  await closeDb();
});
