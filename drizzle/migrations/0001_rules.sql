-- 0001_rules: database-enforced rules that CHECK / UNIQUE / FK constraints cannot express.
-- Hand-written (drizzle-kit generate --custom). Every rule violation raises SQLSTATE 23514
-- (check_violation) with the invariant id (see spec/01-domain.md §5) at the start of the message.
-- Deferred rules (DEFERRABLE INITIALLY DEFERRED constraint triggers) are checked at COMMIT.

-- ─── URN helpers ─────────────────────────────────────────────────────────────────────────────
-- The three owner URN forms, built from ids (same text the application builds).
CREATE FUNCTION framecast_user_urn(p_user uuid) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 'framecast:user:usr_' || p_user::text;
--> statement-breakpoint
CREATE FUNCTION framecast_team_urn(p_team uuid) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 'framecast:team:tm_' || p_team::text;
--> statement-breakpoint
CREATE FUNCTION framecast_membership_urn(p_team uuid, p_user uuid) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 'framecast:tm_' || p_team::text || ':usr_' || p_user::text;
--> statement-breakpoint
-- Parses an owner URN whose ids are canonical lower-case UUIDs. kind is 'user' | 'team' |
-- 'membership', or NULL when the text is not such a URN (team_id / user_id NULL then too).
CREATE FUNCTION framecast_parse_urn(urn text, OUT kind text, OUT team_id uuid, OUT user_id uuid)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  u constant text := '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
  m text[];
BEGIN
  m := regexp_match(urn, '^framecast:(?:user:usr_' || u || '|team:tm_' || u || '|tm_' || u || ':usr_' || u || ')$');
  IF m IS NULL THEN
    RETURN;
  ELSIF m[1] IS NOT NULL THEN
    kind := 'user'; user_id := m[1]::uuid;
  ELSIF m[2] IS NOT NULL THEN
    kind := 'team'; team_id := m[2]::uuid;
  ELSE
    kind := 'membership'; team_id := m[3]::uuid; user_id := m[4]::uuid;
  END IF;
END
$$;
--> statement-breakpoint

-- ─── updated_at ──────────────────────────────────────────────────────────────────────────────
-- "Every updated_at is maintained on update."
CREATE FUNCTION framecast_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
FOR EACH ROW EXECUTE FUNCTION framecast_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER teams_set_updated_at BEFORE UPDATE ON teams
FOR EACH ROW EXECUTE FUNCTION framecast_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER projects_set_updated_at BEFORE UPDATE ON projects
FOR EACH ROW EXECUTE FUNCTION framecast_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER jobs_set_updated_at BEFORE UPDATE ON jobs
FOR EACH ROW EXECUTE FUNCTION framecast_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER asset_files_set_updated_at BEFORE UPDATE ON asset_files
FOR EACH ROW EXECUTE FUNCTION framecast_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER webhooks_set_updated_at BEFORE UPDATE ON webhooks
FOR EACH ROW EXECUTE FUNCTION framecast_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER usage_set_updated_at BEFORE UPDATE ON usage
FOR EACH ROW EXECUTE FUNCTION framecast_set_updated_at();
--> statement-breakpoint

-- ─── T1/T2: every team keeps at least one owner membership ───────────────────────────────────
-- Checked at commit, so the owner membership can follow the team insert and ownership can be
-- transferred (demote + promote) inside one transaction. The team row is locked first: two
-- transactions removing the team's two owners at once are serialised, and the second one (which
-- re-reads memberships after the wait) fails. A deleted team (memberships cascade) passes.
CREATE FUNCTION framecast_assert_team_has_owner(p_team uuid, p_rule text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM teams WHERE id = p_team FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM memberships WHERE team_id = p_team AND role = 'owner') THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('%s: team %s must keep at least one owner', p_rule, p_team);
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION framecast_memberships_keep_owner() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM framecast_assert_team_has_owner(OLD.team_id, 'INV-T2');
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.team_id IS DISTINCT FROM OLD.team_id) THEN
    PERFORM framecast_assert_team_has_owner(NEW.team_id, 'INV-T2');
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER memberships_team_keeps_owner
AFTER INSERT OR UPDATE OR DELETE ON memberships
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION framecast_memberships_keep_owner();
--> statement-breakpoint
-- A team is never created without an owner (T1 + T2): the owner membership must exist at commit.
CREATE FUNCTION framecast_teams_created_with_owner() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM framecast_assert_team_has_owner(NEW.id, 'INV-T1/T2');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER teams_created_with_owner
AFTER INSERT ON teams
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION framecast_teams_created_with_owner();
--> statement-breakpoint

-- ─── M4 / U3: only creators have memberships ─────────────────────────────────────────────────
CREATE FUNCTION framecast_memberships_creator_only() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_tier user_tier;
BEGIN
  SELECT tier INTO v_tier FROM users WHERE id = NEW.user_id;
  IF FOUND AND v_tier <> 'creator' THEN -- (an unknown user is left to the foreign key)
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('INV-M4: user %s is a %s; only creators have memberships (U3)', NEW.user_id, v_tier);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_creator_only
BEFORE INSERT OR UPDATE ON memberships
FOR EACH ROW EXECUTE FUNCTION framecast_memberships_creator_only();
--> statement-breakpoint
-- Creator is absorbing: no downgrade (a downgraded creator would be a starter with memberships, U3).
CREATE FUNCTION framecast_users_no_downgrade() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'check_violation',
    MESSAGE = format('INV-U3: user %s is a creator; creator is absorbing (no downgrade to %s)', OLD.id, NEW.tier);
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_no_downgrade
BEFORE UPDATE OF tier ON users
FOR EACH ROW WHEN (OLD.tier = 'creator' AND NEW.tier <> 'creator')
EXECUTE FUNCTION framecast_users_no_downgrade();
--> statement-breakpoint

-- ─── U2 (partial): a user who becomes a creator has a membership at commit ───────────────────
-- (Removing a creator's last membership later is not caught here.)
CREATE FUNCTION framecast_users_creator_has_membership() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM users WHERE id = NEW.id AND tier = 'creator')
     AND NOT EXISTS (SELECT 1 FROM memberships WHERE user_id = NEW.id) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('INV-U2: creator %s must have at least one membership', NEW.id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER users_creator_has_membership
AFTER INSERT OR UPDATE OF tier ON users
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW WHEN (NEW.tier = 'creator')
EXECUTE FUNCTION framecast_users_creator_has_membership();
--> statement-breakpoint

-- ─── T7 / T8: a user owns ≤ 10 teams and has ≤ 50 memberships (last line of defence) ─────────
-- The user row is locked so concurrent joins of the same user are counted one after the other.
CREATE FUNCTION framecast_memberships_limits() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_total int;
  v_owned int;
BEGIN
  PERFORM 1 FROM users WHERE id = NEW.user_id FOR NO KEY UPDATE;
  SELECT count(*), count(*) FILTER (WHERE role = 'owner')
    INTO v_total, v_owned
    FROM memberships
   WHERE user_id = NEW.user_id AND id <> NEW.id;
  IF v_total + 1 > 50 THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('INV-T8: user %s would have more than 50 memberships', NEW.user_id);
  END IF;
  IF NEW.role = 'owner' AND v_owned + 1 > 10 THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('INV-T7: user %s would own more than 10 teams', NEW.user_id);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_limits
BEFORE INSERT OR UPDATE OF user_id, role ON memberships
FOR EACH ROW EXECUTE FUNCTION framecast_memberships_limits();
--> statement-breakpoint

-- ─── A6 / A7 / X4: who may own an API key ────────────────────────────────────────────────────
-- personal URN: only the key's own user; team / membership URN: only a creator with a membership
-- in that team, and a membership URN only for the user it names. A starter's keys are personal.
CREATE FUNCTION framecast_api_keys_owner_allowed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  p record;
  v_tier user_tier;
BEGIN
  SELECT * INTO p FROM framecast_parse_urn(NEW.owner);
  IF p.kind IS NULL THEN
    -- Passes the loose URN CHECK but the ids are not UUIDs (e.g. 36 hyphens): reject here.
    IF NEW.owner ~ '^framecast:(user:usr_[0-9a-f-]{36}|team:tm_[0-9a-f-]{36}|tm_[0-9a-f-]{36}:usr_[0-9a-f-]{36})$' THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation',
        MESSAGE = format('INV-URN: API key owner %s does not contain valid UUIDs', NEW.owner);
    END IF;
    RETURN NEW; -- the CHECK api_keys_owner_urn rejects it
  END IF;

  IF p.kind = 'user' THEN
    IF p.user_id <> NEW.user_id THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation',
        MESSAGE = format('INV-URN: an API key of user %s cannot use another user''s personal URN %s', NEW.user_id, NEW.owner);
    END IF;
    RETURN NEW;
  END IF;

  SELECT tier INTO v_tier FROM users WHERE id = NEW.user_id;
  IF NOT FOUND THEN
    RETURN NEW; -- left to the foreign key
  END IF;
  IF v_tier <> 'creator' THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('INV-A6/INV-A7: user %s is a starter: its API keys must be personal; %s URN %s needs a creator',
                       NEW.user_id, p.kind, NEW.owner);
  END IF;
  IF p.kind = 'membership' AND p.user_id <> NEW.user_id THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('INV-X4: membership URN %s names another user than the key''s user %s', NEW.owner, NEW.user_id);
  END IF;
  -- The membership row is share-locked so it cannot be deleted before this key commits.
  PERFORM 1 FROM memberships WHERE team_id = p.team_id AND user_id = NEW.user_id FOR KEY SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('INV-X4: user %s has no membership in team %s (key owner %s)', NEW.user_id, p.team_id, NEW.owner);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER api_keys_owner_allowed
BEFORE INSERT ON api_keys
FOR EACH ROW EXECUTE FUNCTION framecast_api_keys_owner_allowed();
--> statement-breakpoint
-- API keys are immutable except name, last_used_at and revoked_at.
CREATE FUNCTION framecast_api_keys_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_changed text[];
BEGIN
  v_changed := array_remove(ARRAY[
    CASE WHEN NEW.id IS DISTINCT FROM OLD.id THEN 'id' END,
    CASE WHEN NEW.user_id IS DISTINCT FROM OLD.user_id THEN 'user_id' END,
    CASE WHEN NEW.owner IS DISTINCT FROM OLD.owner THEN 'owner' END,
    CASE WHEN NEW.key_prefix IS DISTINCT FROM OLD.key_prefix THEN 'key_prefix' END,
    CASE WHEN NEW.key_hash IS DISTINCT FROM OLD.key_hash THEN 'key_hash' END,
    CASE WHEN NEW.scopes IS DISTINCT FROM OLD.scopes THEN 'scopes' END,
    CASE WHEN NEW.expires_at IS DISTINCT FROM OLD.expires_at THEN 'expires_at' END,
    CASE WHEN NEW.created_at IS DISTINCT FROM OLD.created_at THEN 'created_at' END
  ], NULL);
  IF cardinality(v_changed) > 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('INV-KEY-IMMUTABLE: api_keys.%s cannot change (only name, last_used_at, revoked_at may)',
                       array_to_string(v_changed, ', api_keys.'));
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER api_keys_immutable
BEFORE UPDATE ON api_keys
FOR EACH ROW EXECUTE FUNCTION framecast_api_keys_immutable();
--> statement-breakpoint

-- ─── X3 / J11: project assets and project jobs belong to the project's team URN ──────────────
-- (An owner that is not a team URN at all is left to the CHECKs *_project_team_owner; an unknown
-- project to the foreign key.)
CREATE FUNCTION framecast_project_owner_is_team() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_team uuid;
BEGIN
  IF NEW.project_id IS NULL OR NEW.owner !~ '^framecast:team:' THEN
    RETURN NEW;
  END IF;
  SELECT team_id INTO v_team FROM projects WHERE id = NEW.project_id;
  IF FOUND AND NEW.owner <> framecast_team_urn(v_team) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('%s: %s %s of project %s must be owned by the project''s team URN %s (got %s)',
                       TG_ARGV[0], TG_TABLE_NAME, NEW.id, NEW.project_id, framecast_team_urn(v_team), NEW.owner);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER asset_files_project_owner
BEFORE INSERT OR UPDATE OF owner, project_id ON asset_files
FOR EACH ROW EXECUTE FUNCTION framecast_project_owner_is_team('INV-X3');
--> statement-breakpoint
CREATE TRIGGER jobs_project_owner
BEFORE INSERT OR UPDATE OF owner, project_id ON jobs
FOR EACH ROW EXECUTE FUNCTION framecast_project_owner_is_team('INV-J11');
--> statement-breakpoint

-- ─── credit_ledger is append-only ────────────────────────────────────────────────────────────
CREATE FUNCTION framecast_ledger_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'check_violation',
    MESSAGE = format('INV-LEDGER: credit_ledger is append-only (%s of row %s refused)', TG_OP, OLD.id);
END
$$;
--> statement-breakpoint
CREATE TRIGGER credit_ledger_append_only
BEFORE UPDATE OR DELETE ON credit_ledger
FOR EACH ROW EXECUTE FUNCTION framecast_ledger_append_only();
--> statement-breakpoint

-- ─── Ledger = balance ────────────────────────────────────────────────────────────────────────
-- At commit, for the credit holder behind an owner URN: balance column = sum of its ledger rows.
--   framecast:user:usr_<u>        → users.credits of <u>
--   framecast:team:tm_<t>         → teams.credits of <t>, summed over the team URN and every
--   framecast:tm_<t>:usr_<u>         membership URN of <t> (membership work is charged to the team)
-- A holder that no longer exists (deleted user or team; the ledger keeps its history) is skipped.
CREATE FUNCTION framecast_assert_ledger_balance(p_owner text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  p record;
  v_holder text;
  v_balance bigint;
  v_sum bigint;
BEGIN
  SELECT * INTO p FROM framecast_parse_urn(p_owner);
  IF p.kind = 'user' THEN
    v_holder := p_owner;
    SELECT u.credits,
           (SELECT coalesce(sum(l.delta), 0) FROM credit_ledger l WHERE l.owner = p_owner)
      INTO v_balance, v_sum
      FROM users u WHERE u.id = p.user_id;
  ELSIF p.kind IN ('team', 'membership') THEN
    v_holder := framecast_team_urn(p.team_id);
    SELECT t.credits,
           (SELECT coalesce(sum(l.delta), 0) FROM credit_ledger l
             WHERE l.owner = v_holder
                OR starts_with(l.owner, 'framecast:tm_' || p.team_id::text || ':usr_'))
      INTO v_balance, v_sum
      FROM teams t WHERE t.id = p.team_id;
  ELSE
    RETURN; -- not a URN with UUIDs: no credit holder
  END IF;
  IF FOUND AND v_balance <> v_sum THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('INV-LEDGER: balance of %s (%s) differs from its ledger sum (%s)', v_holder, v_balance, v_sum);
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION framecast_ledger_balance_check() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'credit_ledger' THEN
    PERFORM framecast_assert_ledger_balance(NEW.owner);
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM framecast_assert_ledger_balance(framecast_user_urn(NEW.id));
  ELSE
    PERFORM framecast_assert_ledger_balance(framecast_team_urn(NEW.id));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER credit_ledger_balance
AFTER INSERT ON credit_ledger
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION framecast_ledger_balance_check();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER users_credits_match_ledger
AFTER UPDATE OF credits ON users
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW WHEN (OLD.credits IS DISTINCT FROM NEW.credits)
EXECUTE FUNCTION framecast_ledger_balance_check();
--> statement-breakpoint
-- Also on insert: a user created with credits (SIGNUP_CREDITS) needs the matching 'grant' row.
CREATE CONSTRAINT TRIGGER users_initial_credits_match_ledger
AFTER INSERT ON users
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW WHEN (NEW.credits <> 0)
EXECUTE FUNCTION framecast_ledger_balance_check();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER teams_credits_match_ledger
AFTER UPDATE OF credits ON teams
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW WHEN (OLD.credits IS DISTINCT FROM NEW.credits)
EXECUTE FUNCTION framecast_ledger_balance_check();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER teams_initial_credits_match_ledger
AFTER INSERT ON teams
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW WHEN (NEW.credits <> 0)
EXECUTE FUNCTION framecast_ledger_balance_check();
--> statement-breakpoint

-- ─── I7 / I8: invitations ────────────────────────────────────────────────────────────────────
-- I7 nobody invites their own email; I8 no actionable invitation for someone already a member.
-- Emails are compared case-insensitively (invitations.email is stored lower-cased).
CREATE FUNCTION framecast_invitations_rules() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.invited_by IS NOT NULL
     AND EXISTS (SELECT 1 FROM users WHERE id = NEW.invited_by AND lower(email) = lower(NEW.email)) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('INV-I7: user %s cannot invite their own email', NEW.invited_by);
  END IF;
  IF NEW.accepted_at IS NULL AND NEW.declined_at IS NULL AND NEW.revoked_at IS NULL
     AND EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                  WHERE m.team_id = NEW.team_id AND lower(u.email) = lower(NEW.email)) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('INV-I8: %s is already a member of team %s', NEW.email, NEW.team_id);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER invitations_rules
BEFORE INSERT ON invitations
FOR EACH ROW EXECUTE FUNCTION framecast_invitations_rules();
--> statement-breakpoint

-- ─── job_events: sequence is 1, 2, 3… per job, without gaps ─────────────────────────────────
-- The job row is locked (FOR NO KEY UPDATE: excludes other event writers and job updates, but not
-- foreign-key checks of other tables) so concurrent writers of one job's events are serialised.
CREATE FUNCTION framecast_job_events_sequence() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_expected bigint;
BEGIN
  IF NEW.sequence < 1 THEN
    RETURN NEW; -- the CHECK job_events_sequence_positive rejects it
  END IF;
  PERFORM 1 FROM jobs WHERE id = NEW.job_id FOR NO KEY UPDATE;
  SELECT coalesce(max(sequence), 0) + 1 INTO v_expected FROM job_events WHERE job_id = NEW.job_id;
  IF NEW.sequence IS DISTINCT FROM v_expected THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = format('INV-EVENT-SEQ: next event of job %s must have sequence %s (got %s)', NEW.job_id, v_expected, NEW.sequence);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER job_events_sequence
BEFORE INSERT ON job_events
FOR EACH ROW EXECUTE FUNCTION framecast_job_events_sequence();
