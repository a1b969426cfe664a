import { created } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createTeamSchema, listTeamsQuery } from "@/lib/teams/schemas";
import { createTeam, listTeams } from "@/lib/teams/service";

export const dynamic = "force-dynamic";

// GET /v1/teams – the caller's teams with their role, by name (case-insensitive, then id)
export const GET = route({ tier: "creator", scope: "team:read", query: listTeamsQuery }, ({ db, principal, query }) => listTeams(db, principal, query));

// POST /v1/teams {name, slug?} – a new team owned by the caller (T7 ≤ 10 owned, T8 ≤ 50 teams)
export const POST = route({ tier: "creator", scope: "team:admin", body: createTeamSchema }, async ({ db, principal, body }) =>
  created(await createTeam(db, principal, body)),
);
