import type { Metadata } from "next";
import { requireUser } from "@/components/session";
import { InviteAnswer } from "@/components/teams/invite-answer";

export const metadata: Metadata = { title: "Team invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await requireUser(`/invite/${token}`);
  return <InviteAnswer token={token} email={user.email} />;
}
