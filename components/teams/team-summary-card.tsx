import { formatNumber } from "@/components/format";
import { UsersIcon } from "@/components/icons";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Row } from "./row";
import { ROLE_LABEL, type Team } from "./types";

/** Your role, the slug, the team's credits and how many members it has. */
export function TeamSummaryCard({ team, members }: { team: Team; members: number }) {
  return (
    <Card>
      <CardHeader title="Team" icon={<UsersIcon size={16} />} />
      <CardContent className="space-y-2 text-sm">
        <Row label="Your role">{team.role ? <Badge tone="brand">{ROLE_LABEL[team.role]}</Badge> : null}</Row>
        <Row label="Slug">
          <span className="font-mono">{team.slug}</span>
        </Row>
        <Row label="Credits">
          <span data-testid="team-credits" className="tabular-nums">
            {formatNumber(team.credits)}
          </span>
        </Row>
        <Row label="Members">{members}</Row>
      </CardContent>
    </Card>
  );
}
