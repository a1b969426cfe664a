import type { Metadata } from "next";
import { PageHeader } from "@/components/app/page-header";
import { ArrowRightIcon } from "@/components/icons";
import { requireUser } from "@/components/session";
import { TeamView } from "@/components/teams/team-view";
import { ButtonLink } from "@/components/ui/button";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/app/teams/${id}`);
  return (
    <>
      <PageHeader
        title="Team"
        description="Members and roles, invitations and settings."
        actions={
          <ButtonLink href="/app/teams" variant="secondary">
            All teams <ArrowRightIcon />
          </ButtonLink>
        }
      />
      <TeamView teamId={id} me={user.id} />
    </>
  );
}
