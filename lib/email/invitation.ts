/** The invitation email: who invited you to which team, with which role, and the link. */
export interface InvitationEmail {
  to: string;
  teamName: string;
  inviter: { name: string | null; email: string };
  role: "admin" | "member" | "viewer";
  inviteUrl: string;
  expiresAt: Date;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function invitationEmail(i: InvitationEmail) {
  const who = i.inviter.name ? `${i.inviter.name} (${i.inviter.email})` : i.inviter.email;
  const until = i.expiresAt.toUTCString();
  const subject = `${i.inviter.name ?? i.inviter.email} invited you to ${i.teamName} on Framecast`;
  const text = [
    `${who} invited you to join the team "${i.teamName}" on Framecast as ${i.role}.`,
    "",
    `Open the invitation to accept or decline: ${i.inviteUrl}`,
    "",
    `The link works until ${until}. Sign in as ${i.to} to answer.`,
  ].join("\n");
  const html = `<p>${esc(who)} invited you to join the team <strong>${esc(i.teamName)}</strong> on Framecast as <strong>${esc(i.role)}</strong>.</p>
<p><a href="${esc(i.inviteUrl)}">Open the invitation</a> to accept or decline.</p>
<p style="color:#555">The link works until ${esc(until)}. Sign in as ${esc(i.to)} to answer.</p>`;
  return { to: i.to, subject, text, html };
}
