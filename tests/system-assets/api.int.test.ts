/**
 * GET /v1/system-assets and GET /v1/system-assets/:id (spec part 2 §3). A part of the catalog is
 * seeded for real (the full seed is tests/system-assets/seed.int.test.ts); assertions hold whether
 * or not the rest of the catalog is present too.
 */
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import * as keys from "@/app/v1/auth/keys/route";
import * as list from "@/app/v1/system-assets/route";
import * as one from "@/app/v1/system-assets/[id]/route";
import { db } from "@/lib/db/client";
import { buckets, s3 } from "@/lib/storage/s3";
import { SYSTEM_ASSET_CATEGORIES, systemAssetById } from "@/lib/system-assets/catalog";
import { seedSystemAssets } from "@/lib/system-assets/seed";
import { starter } from "../helpers/fixtures";
import { call } from "../helpers/http";

const SEEDED = [
  "asset_sfx_applause_short",
  "asset_sfx_click",
  "asset_sfx_confetti",
  "asset_sfx_pop",
  "asset_ambient_nature",
  "asset_music_playful",
  "asset_transition_boom",
  "asset_transition_glitch",
  "asset_transition_swoosh",
];

const FIELDS = ["category", "content_type", "created_at", "description", "duration_seconds", "id", "name", "size_bytes", "tags", "urn"];

const get = (token: string, query = "") => call(list.GET, { token, path: `/v1/system-assets${query}` });
const getOne = (token: string, id: string) => call(one.GET, { token, path: `/v1/system-assets/${id}`, params: { id } });

/** Every page of a listing, following next_cursor. */
async function walk(token: string, query: string) {
  const pages: { data: { id: string }[]; next_cursor: string | null }[] = [];
  let cursor: string | null = null;
  do {
    const res = await get(token, `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(res.status).toBe(200);
    pages.push(res.json);
    cursor = res.json.next_cursor;
  } while (cursor && pages.length < 50);
  return pages;
}

beforeAll(async () => {
  await seedSystemAssets(db(), { only: SEEDED });
}, 60_000);

describe("GET /v1/system-assets", () => {
  it("lists the catalog in id order with the documented fields", async () => {
    const s = await starter();
    const res = await get(s.token, "?limit=100");
    expect(res.status).toBe(200);
    expect(res.json.next_cursor).toBeNull();
    const ids: string[] = res.json.data.map((a: { id: string }) => a.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(SEEDED));
    const click = res.json.data.find((a: { id: string }) => a.id === "asset_sfx_click");
    const entry = systemAssetById("asset_sfx_click")!;
    expect(Object.keys(click).sort()).toEqual(FIELDS);
    expect(click).toMatchObject({
      category: "sfx",
      name: "click",
      description: entry.description,
      duration_seconds: 0.2,
      content_type: "audio/ogg",
      tags: ["ui", "interactive", "button", "light"],
      urn: "framecast:system:sfx:click",
    });
    expect(click.size_bytes).toBeGreaterThan(100);
    expect(new Date(click.created_at).toISOString()).toBe(click.created_at);
    for (const a of res.json.data) {
      expect(typeof a.duration_seconds).toBe("number");
      expect(a.urn).toBe(`framecast:system:${a.category}:${a.name}`);
    }
  });

  it("filters by category and by tag (case-insensitive), and by both", async () => {
    const s = await starter();
    const sfx = await get(s.token, "?category=sfx&limit=100");
    expect(sfx.status).toBe(200);
    expect(sfx.json.data.every((a: { category: string }) => a.category === "sfx")).toBe(true);
    expect(sfx.json.data.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining(SEEDED.filter((id) => id.startsWith("asset_sfx_"))));

    const transitions = await get(s.token, "?category=transition&limit=100");
    expect(transitions.json.data.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining(["asset_transition_boom", "asset_transition_glitch", "asset_transition_swoosh"]),
    );
    expect(transitions.json.data.every((a: { category: string }) => a.category === "transition")).toBe(true);

    for (const tag of ["celebration", "CELEBRATION", " celebration "]) {
      const res = await get(s.token, `?tag=${encodeURIComponent(tag)}&limit=100`);
      expect(res.status).toBe(200);
      expect(res.json.data.every((a: { tags: string[] }) => a.tags.includes("celebration"))).toBe(true);
      expect(res.json.data.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining(["asset_sfx_applause_short", "asset_sfx_confetti"]));
    }

    const light = await get(s.token, "?category=sfx&tag=light");
    expect(light.json.data.map((a: { id: string }) => a.id)).toEqual(["asset_sfx_click", "asset_sfx_pop"]);
    const playfulMusic = await get(s.token, "?category=music&tag=playful");
    expect(playfulMusic.json.data.map((a: { id: string }) => a.id)).toEqual(["asset_music_playful"]);

    const none = await get(s.token, "?tag=lava");
    expect(none.json).toEqual({ data: [], next_cursor: null });
  });

  it("paginates with an opaque cursor over the id: every asset exactly once, in order", async () => {
    const s = await starter();
    const all = (await get(s.token, "?limit=100")).json.data.map((a: { id: string }) => a.id);
    const pages = await walk(s.token, "?limit=4");
    expect(pages.length).toBe(Math.ceil(all.length / 4));
    for (const p of pages) expect(p.data.length).toBeLessThanOrEqual(4);
    expect(pages.flatMap((p) => p.data.map((a) => a.id))).toEqual(all);

    const filtered = await walk(s.token, "?category=transition&limit=2");
    const ids = filtered.flatMap((p) => p.data.map((a) => a.id));
    expect(ids).toEqual([...new Set(ids)].sort());
    expect(ids).toEqual(expect.arrayContaining(["asset_transition_boom", "asset_transition_glitch", "asset_transition_swoosh"]));
    expect(filtered.at(-1)!.next_cursor).toBeNull();
  });

  it("422 for an unknown category, a bad limit or cursor, or an unknown parameter", async () => {
    const s = await starter();
    const bad = await get(s.token, "?category=video");
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe("VALIDATION_ERROR");
    expect(bad.json.error.details.errors[0]).toMatchObject({ path: "query.category", valid_values: [...SYSTEM_ASSET_CATEGORIES] });
    for (const q of ["?limit=0", "?limit=101", "?limit=abc", "?cursor=not-a-cursor", "?kind=sfx", "?tag="]) {
      const res = await get(s.token, q);
      expect(res.status, q).toBe(422);
      expect(res.json.error.code, q).toBe("VALIDATION_ERROR");
    }
  });
});

describe("GET /v1/system-assets/:id", () => {
  it("returns the asset with a 24 h preview URL that serves the file", async () => {
    const s = await starter();
    const res = await getOne(s.token, "asset_transition_swoosh");
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual([...FIELDS, "preview_url"].sort());
    expect(res.json).toMatchObject({ id: "asset_transition_swoosh", category: "transition", name: "swoosh", duration_seconds: 0.6, urn: "framecast:system:transition:swoosh" });
    const url = new URL(res.json.preview_url);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("86400");
    expect(url.pathname).toContain("system/transition/swoosh.ogg");

    const preview = await fetch(res.json.preview_url);
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-type")).toBe("audio/ogg");
    const bytes = Buffer.from(await preview.arrayBuffer());
    expect(bytes.length).toBe(res.json.size_bytes);
    const stored = await s3().send(new GetObjectCommand({ Bucket: buckets().system, Key: "system/transition/swoosh.ogg" }));
    expect(bytes.equals(Buffer.from(await stored.Body!.transformToByteArray()))).toBe(true);
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("OggS");
  });

  it("404 for an id that is not in the catalog or cannot be one", async () => {
    const s = await starter();
    for (const id of ["asset_sfx_lava", "asset_sfx_", "not-an-id", "ASSET_SFX_CLICK", `asset_sfx_${"x".repeat(200)}`]) {
      const res = await getOne(s.token, id);
      expect(res.status, id).toBe(404);
      expect(res.json.error.code, id).toBe("NOT_FOUND");
    }
  });
});

describe("who may call (tier S C, scope assets:read)", () => {
  it("401 without credentials", async () => {
    expect((await call(list.GET, { path: "/v1/system-assets" })).status).toBe(401);
    expect((await call(one.GET, { path: "/v1/system-assets/asset_sfx_click", params: { id: "asset_sfx_click" } })).status).toBe(401);
  });

  it("an API key needs assets:read (or *); without it → 403", async () => {
    const s = await starter();
    const mint = async (scopes: string[]) => {
      const res = await call(keys.POST, { method: "POST", token: s.token, body: { name: scopes.join(" "), scopes } });
      expect(res.status).toBe(201);
      return res.json.raw_key as string;
    };
    const jobsOnly = await mint(["jobs:read", "assets:write"]);
    for (const res of [await get(jobsOnly), await getOne(jobsOnly, "asset_sfx_click")]) {
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("FORBIDDEN");
      expect(res.json.error.message).toContain("assets:read");
    }
    for (const key of [await mint(["assets:read"]), await mint(["*"])]) {
      expect((await get(key, "?category=sfx")).status).toBe(200);
      expect((await getOne(key, "asset_sfx_click")).status).toBe(200);
    }
  });
});
