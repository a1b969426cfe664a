/**
 * Integration tests run against real PostgreSQL: TEST_DATABASE_URL or DATABASE_URL when set,
 * otherwise an embedded PGlite started for the run. On a real server a template database is
 * migrated once and each test file gets its own copy (tests/setup-file.ts).
 */
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { runMigrations } from "@/lib/db/migrate";
import { freePort, startPglite, startS3, type Service } from "@/scripts/lib/embedded";

declare module "vitest" {
  export interface ProvidedContext {
    dbMode: "server" | "embedded";
    templateUrl: string;
    s3Endpoint: string;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A local S3-protocol server for the run, with the buckets the app expects. */
async function startStorage(project: TestProject): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "framecast-s3-"));
  const s3 = await startS3({ dir: path.join(dir, "data"), port: await freePort(), buckets: ["framecast-outputs", "framecast-assets"] });
  project.provide("s3Endpoint", s3.url);
  return async () => {
    await s3.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

export default async function setup(project: TestProject) {
  const stopStorage = await startStorage(project);
  const base = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let embedded: Service | undefined;
  let tmpDir: string | undefined;

  if (!base) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "framecast-pg-"));
    embedded = await startPglite({ port: await freePort(), dir: tmpDir });
    await runMigrations(embedded.url);
    project.provide("dbMode", "embedded");
    project.provide("templateUrl", embedded.url);
    return async () => {
      await stopStorage();
      await embedded?.stop();
      fs.rmSync(tmpDir!, { recursive: true, force: true });
    };
  }

  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const template = `framecast_test_${process.pid}_${Date.now().toString(36)}`;
  await admin.unsafe(`create database "${template}"`);
  const templateUrl = withDatabase(base, template);
  await runMigrations(templateUrl);
  project.provide("dbMode", "server");
  project.provide("templateUrl", templateUrl);

  return async () => {
    await stopStorage();
    const dbs = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${template + "%"}`;
    for (const { datname } of dbs) {
      await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
    await admin.end();
  };
}
