import type { Metadata } from "next";
import { PageHeader } from "@/components/app/page-header";
import { requireUser } from "@/components/session";
import { TeamsList, UpgradeCard } from "@/components/teams/teams-overview";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const user = await requireUser("/app/teams");
  return (
    <>
      <PageHeader title="Teams" description="Work together: shared credits, roles and team renders." />
      {user.tier === "creator" ? <TeamsList /> : <UpgradeCard />}
    </>
  );
}
