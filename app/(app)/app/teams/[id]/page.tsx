import type { Metadata } from "next";
import { requireUser } from "@/components/session";
import { TeamView } from "@/components/teams/team-view";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/app/teams/${id}`);
  return <TeamView teamId={id} me={user.id} />;
}
