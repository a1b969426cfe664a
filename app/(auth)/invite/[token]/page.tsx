import type { Metadata } from "next";
import { requireUser } from "@/components/session";
import { InviteAnswer } from "@/components/teams/invite-answer";
import { db } from "@/lib/db/client";
import { invitationPreview } from "@/lib/invitations/service";

export const metadata: Metadata = { title: "Team invitation" };

/** The invitation before anyone answers: team, inviter, role, and whether it is still open. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await requireUser(`/invite/${token}`);
  const preview = token.length >= 20 && token.length <= 200 ? await invitationPreview(db(), token) : null;
  return <InviteAnswer token={token} email={user.email} tier={user.tier} preview={preview} />;
}
