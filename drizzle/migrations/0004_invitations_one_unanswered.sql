-- Existing duplicates: keep the newest unanswered invitation per team and email, revoke the rest.
UPDATE "invitations" i SET "revoked_at" = now()
WHERE i."accepted_at" is null and i."declined_at" is null and i."revoked_at" is null
  and exists (
    select 1 from "invitations" n
    where n."team_id" = i."team_id" and n."email" = i."email"
      and n."accepted_at" is null and n."declined_at" is null and n."revoked_at" is null
      and (n."created_at", n."id") > (i."created_at", i."id"));--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_one_unanswered_key" ON "invitations" USING btree ("team_id","email") WHERE "invitations"."accepted_at" is null and "invitations"."declined_at" is null and "invitations"."revoked_at" is null;
