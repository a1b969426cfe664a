/**
 * Database rules for projects, asset_files (AF2–AF4, X3), system_assets, webhooks (W2–W4) and
 * webhook_deliveries (spec part 1 §3, §5).
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  connect,
  createCreator,
  createMember,
  createProject,
  expectCheck,
  expectEnum,
  expectForeignKey,
  expectRule,
  expectUnique,
  hex,
  uid,
  type Creator,
} from "./helpers";

const sql = connect();
afterAll(() => sql.end({ timeout: 5 }));

type Value = string | number | boolean | null | Date;
const MiB = 1024 * 1024;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

describe("projects", () => {
  it("projects_name_len: an empty or over-long name is rejected", async () => {
    const c = await createCreator(sql);
    await expectCheck(sql`insert into projects (team_id, name) values (${c.teamId}, '')`, "projects_name_len");
    await expectCheck(
      sql`insert into projects (team_id, name) values (${c.teamId}, ${"p".repeat(201)})`,
      "projects_name_len",
    );
  });

  it("projects_updated_after_created: updated_at before created_at is rejected", async () => {
    const c = await createCreator(sql);
    await expectCheck(
      sql`insert into projects (team_id, name, updated_at) values (${c.teamId}, 'P', ${hoursAgo(1)})`,
      "projects_updated_after_created",
    );
  });

  it("enum project_status: an unknown status is rejected", async () => {
    const c = await createCreator(sql);
    await expectEnum(
      sql`insert into projects (team_id, name, status) values (${c.teamId}, 'P', 'published')`,
      "project_status",
    );
  });

  it("projects FKs: unknown team rejected; created_by set null when the user is deleted", async () => {
    const c = await createCreator(sql);
    const m = await createMember(sql, c.teamId, "member");
    await expectForeignKey(sql`insert into projects (team_id, name) values (${uid()}, 'P')`, "projects_team_id_teams_id_fk");
    const id = await createProject(sql, c.teamId, m.id);
    await sql`delete from users where id = ${m.id}`;
    const [row] = await sql`select created_by from projects where id = ${id}`;
    expect(row!.created_by).toBeNull();
  });
});

describe("asset_files", () => {
  const insertAsset = (c: { id: string; urn: string }, cols: Record<string, Value> = {}) =>
    sql`insert into asset_files ${sql({
      owner: c.urn,
      uploaded_by: c.id,
      filename: "photo.png",
      s3_key: `assets/${uid()}.png`,
      content_type: "image/png",
      size_bytes: 1234,
      ...cols,
    })}`;

  async function creatorWithProject(): Promise<Creator & { projectId: string }> {
    const c = await createCreator(sql);
    return { ...c, projectId: await createProject(sql, c.teamId, c.id) };
  }

  it("accepts personal, team and project assets of every allowed content type (passing example)", async () => {
    const c = await creatorWithProject();
    for (const ct of ["image/jpeg", "image/png", "image/webp", "audio/mpeg", "audio/wav", "audio/ogg", "video/mp4"]) {
      await insertAsset(c, { content_type: ct });
    }
    await insertAsset(c, { owner: c.teamUrn, project_id: c.projectId, size_bytes: 50 * MiB });
    await insertAsset(c, { owner: c.membershipUrn, size_bytes: 1 });
  });

  it("asset_files_owner_urn: a malformed owner URN is rejected", async () => {
    const c = await createCreator(sql);
    await expectCheck(insertAsset(c, { owner: `framecast:team:${c.teamId}` }), "asset_files_owner_urn");
  });

  it("asset_files_project_team_owner (X3): a project asset with a personal owner URN is rejected", async () => {
    const c = await creatorWithProject();
    await expectCheck(insertAsset(c, { project_id: c.projectId }), "asset_files_project_team_owner");
  });

  it("asset_files_filename_len: an empty or over-long filename is rejected", async () => {
    const c = await createCreator(sql);
    await expectCheck(insertAsset(c, { filename: "" }), "asset_files_filename_len");
    await expectCheck(insertAsset(c, { filename: `${"f".repeat(252)}.png` }), "asset_files_filename_len");
  });

  it("AF4: a content type outside the allowed list is rejected (asset_files_content_type)", async () => {
    const c = await createCreator(sql);
    await expectCheck(insertAsset(c, { content_type: "image/gif" }), "asset_files_content_type");
    await expectCheck(insertAsset(c, { content_type: "text/html" }), "asset_files_content_type");
  });

  it("AF2: an empty file (0 bytes) is rejected (asset_files_size)", async () => {
    const c = await createCreator(sql);
    await expectCheck(insertAsset(c, { size_bytes: 0 }), "asset_files_size");
  });

  it("AF3: a file over 50 MiB is rejected (asset_files_size)", async () => {
    const c = await createCreator(sql);
    await expectCheck(insertAsset(c, { size_bytes: 50 * MiB + 1 }), "asset_files_size");
  });

  it("asset_files_metadata_object: metadata that is not a JSON object is rejected", async () => {
    const c = await createCreator(sql);
    await expectCheck(insertAsset(c, { metadata: "[]" }), "asset_files_metadata_object");
  });

  it("asset_files_updated_after_created: updated_at before created_at is rejected", async () => {
    const c = await createCreator(sql);
    await expectCheck(insertAsset(c, { updated_at: hoursAgo(1) }), "asset_files_updated_after_created");
  });

  it("asset_files_s3_key_key: a duplicate storage key is rejected", async () => {
    const c = await createCreator(sql);
    const key = `assets/${uid()}.png`;
    await insertAsset(c, { s3_key: key });
    await expectUnique(insertAsset(c, { s3_key: key }), "asset_files_s3_key_key");
  });

  it("enum asset_status: an unknown status is rejected", async () => {
    const c = await createCreator(sql);
    await expectEnum(insertAsset(c, { status: "uploaded" }), "asset_status");
  });

  it("X3: a project asset owned by another team's URN is rejected", async () => {
    const c = await creatorWithProject();
    const other = await createCreator(sql);
    await expectRule(insertAsset(c, { owner: other.teamUrn, project_id: c.projectId }), "INV-X3");
  });

  it("X3: attaching an existing team asset to another team's project is rejected", async () => {
    const c = await createCreator(sql);
    const other = await creatorWithProject();
    const [a] = await sql`insert into asset_files (owner, filename, s3_key, content_type, size_bytes)
                          values (${c.teamUrn}, 'a.png', ${`assets/${uid()}`}, 'image/png', 10) returning id`;
    await expectRule(sql`update asset_files set project_id = ${other.projectId} where id = ${a!.id}`, "INV-X3");
  });

  it("asset_files FKs: project delete cascades to its assets; uploaded_by set null on user delete", async () => {
    const c = await creatorWithProject();
    const m = await createMember(sql, c.teamId, "member");
    await insertAsset({ id: m.id, urn: c.teamUrn }, { project_id: c.projectId, s3_key: `p/${c.projectId}/a` });
    const [personal] = await sql`insert into asset_files (owner, uploaded_by, filename, s3_key, content_type, size_bytes)
                                 values (${m.membershipUrn}, ${m.id}, 'b.png', ${`m/${uid()}`}, 'image/png', 5) returning id`;
    await sql`delete from projects where id = ${c.projectId}`;
    expect((await sql`select 1 from asset_files where project_id = ${c.projectId}`).length).toBe(0);
    await sql`delete from users where id = ${m.id}`;
    const [row] = await sql`select uploaded_by from asset_files where id = ${personal!.id}`;
    expect(row!.uploaded_by).toBeNull();
    await expectForeignKey(
      insertAsset(c, { owner: c.teamUrn, project_id: uid() }),
      "asset_files_project_id_projects_id_fk",
    );
  });
});

describe("system_assets", () => {
  const insertSystemAsset = (cols: Record<string, Value> = {}) => {
    const name = `n${hex(4)}`;
    return sql`insert into system_assets ${sql({
      id: `asset_sfx_${name}`,
      category: "sfx",
      name,
      description: "A whoosh",
      s3_key: `system/${name}.wav`,
      content_type: "audio/wav",
      size_bytes: 100,
      ...cols,
    })}`;
  };

  it("accepts a catalog entry (passing example)", async () => {
    await insertSystemAsset({ duration_seconds: 1.5, tags: "{whoosh,fast}" });
  });

  it("system_assets_id_format: an id whose category differs from the row's category is rejected", async () => {
    await expectCheck(insertSystemAsset({ id: `asset_music_x${hex(4)}` }), "system_assets_id_format");
    await expectCheck(insertSystemAsset({ id: `sfx_${hex(4)}` }), "system_assets_id_format");
  });

  it("system_assets_description_len: a description over 500 characters is rejected", async () => {
    await expectCheck(insertSystemAsset({ description: "d".repeat(501) }), "system_assets_description_len");
  });

  it("system_assets_duration_positive: a zero duration is rejected", async () => {
    await expectCheck(insertSystemAsset({ duration_seconds: 0 }), "system_assets_duration_positive");
  });

  it("system_assets_size_positive: a zero size is rejected", async () => {
    await expectCheck(insertSystemAsset({ size_bytes: 0 }), "system_assets_size_positive");
  });

  it("system_assets_s3_key_key: a duplicate storage key is rejected", async () => {
    const key = `system/${hex()}.wav`;
    await insertSystemAsset({ s3_key: key });
    await expectUnique(insertSystemAsset({ s3_key: key }), "system_assets_s3_key_key");
  });

  it("enum system_asset_category: an unknown category is rejected", async () => {
    await expectEnum(insertSystemAsset({ category: "voice" }), "system_asset_category");
  });
});

describe("webhooks", () => {
  const insertWebhook = (teamId: string, cols: Record<string, Value> = {}) =>
    sql<{ id: string }[]>`insert into webhooks ${sql({
      team_id: teamId,
      url: "https://hooks.example.com/framecast",
      events: "{job.completed,job.failed}",
      secret_encrypted: "v1:enc",
      ...cols,
    })} returning id`;

  it("accepts an https webhook with valid events (passing example)", async () => {
    const c = await createCreator(sql);
    await insertWebhook(c.teamId, { created_by: c.id });
  });

  it("W4: a non-https url is rejected (webhooks_url_https)", async () => {
    const c = await createCreator(sql);
    await expectCheck(insertWebhook(c.teamId, { url: "http://hooks.example.com" }), "webhooks_url_https");
    await expectCheck(insertWebhook(c.teamId, { url: "ftp://hooks.example.com" }), "webhooks_url_https");
  });

  it("W4: a url longer than 2048 characters is rejected (webhooks_url_https)", async () => {
    const c = await createCreator(sql);
    await expectCheck(insertWebhook(c.teamId, { url: `https://h.io/${"a".repeat(2040)}` }), "webhooks_url_https");
  });

  it("W2: an empty event list is rejected (webhooks_events_nonempty)", async () => {
    const c = await createCreator(sql);
    await expectCheck(insertWebhook(c.teamId, { events: "{}" }), "webhooks_events_nonempty");
  });

  it("W3: an unknown event is rejected (webhooks_events_valid)", async () => {
    const c = await createCreator(sql);
    await expectCheck(insertWebhook(c.teamId, { events: "{job.completed,job.exploded}" }), "webhooks_events_valid");
  });

  it("webhooks_updated_after_created: updated_at before created_at is rejected", async () => {
    const c = await createCreator(sql);
    await expectCheck(insertWebhook(c.teamId, { updated_at: hoursAgo(1) }), "webhooks_updated_after_created");
  });

  it("webhooks FKs: unknown team rejected; created_by set null on user delete", async () => {
    const c = await createCreator(sql);
    const m = await createMember(sql, c.teamId, "admin");
    await expectForeignKey(insertWebhook(uid()), "webhooks_team_id_teams_id_fk");
    const [w] = await insertWebhook(c.teamId, { created_by: m.id });
    await sql`delete from users where id = ${m.id}`;
    const [row] = await sql`select created_by from webhooks where id = ${w!.id}`;
    expect(row!.created_by).toBeNull();
  });
});

describe("webhook_deliveries", () => {
  async function webhook(): Promise<string> {
    const c = await createCreator(sql);
    const [w] = await sql`insert into webhooks (team_id, url, events, secret_encrypted)
                          values (${c.teamId}, 'https://h.example.com', '{job.completed}', 'enc') returning id`;
    return w!.id as string;
  }
  const insertDelivery = (webhookId: string, cols: Record<string, Value> = {}) =>
    sql<{ id: string }[]>`insert into webhook_deliveries ${sql({
      webhook_id: webhookId,
      event_type: "job.completed",
      payload: '{"type":"job.completed"}',
      ...cols,
    })} returning id`;

  it("accepts pending, retrying and delivered deliveries (passing example)", async () => {
    const w = await webhook();
    await insertDelivery(w);
    await insertDelivery(w, { status: "retrying", attempts: 2, next_retry_at: new Date() });
    await insertDelivery(w, { status: "delivered", attempts: 1, delivered_at: new Date(), response_status: 200 });
  });

  it("webhook_deliveries_attempts: attempts above max_attempts, negative attempts or max_attempts 0 are rejected", async () => {
    const w = await webhook();
    await expectCheck(insertDelivery(w, { attempts: 6, max_attempts: 5 }), "webhook_deliveries_attempts");
    await expectCheck(insertDelivery(w, { attempts: -1 }), "webhook_deliveries_attempts");
    await expectCheck(insertDelivery(w, { max_attempts: 0 }), "webhook_deliveries_attempts");
  });

  it("webhook_deliveries_body_len: a response body over 10 KiB is rejected", async () => {
    const w = await webhook();
    await expectCheck(insertDelivery(w, { response_body: "x".repeat(10_241) }), "webhook_deliveries_body_len");
    await insertDelivery(w, { response_body: "x".repeat(10_240) });
  });

  it("webhook_deliveries_delivered_at: delivered ⇔ delivered_at set", async () => {
    const w = await webhook();
    await expectCheck(insertDelivery(w, { status: "delivered" }), "webhook_deliveries_delivered_at");
    await expectCheck(insertDelivery(w, { delivered_at: new Date() }), "webhook_deliveries_delivered_at");
  });

  it("enum delivery_status: an unknown status is rejected", async () => {
    const w = await webhook();
    await expectEnum(insertDelivery(w, { status: "sent" }), "delivery_status");
  });

  it("webhook_deliveries FK cascade: deleting a webhook deletes its deliveries", async () => {
    const w = await webhook();
    await insertDelivery(w);
    await sql`delete from webhooks where id = ${w}`;
    expect((await sql`select 1 from webhook_deliveries where webhook_id = ${w}`).length).toBe(0);
    await expectForeignKey(insertDelivery(uid()), "webhook_deliveries_webhook_id_webhooks_id_fk");
  });
});
