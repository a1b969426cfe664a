/** Owner URNs (spec part 1 §2). */
export const URN_PATTERN =
  /^framecast:(user:usr_[0-9a-f-]{36}|team:tm_[0-9a-f-]{36}|tm_[0-9a-f-]{36}:usr_[0-9a-f-]{36})$/;

export type Urn =
  | { kind: "user"; userId: string }
  | { kind: "team"; teamId: string }
  | { kind: "membership"; teamId: string; userId: string };

export const userUrn = (userId: string) => `framecast:user:usr_${userId}`;
export const teamUrn = (teamId: string) => `framecast:team:tm_${teamId}`;
export const membershipUrn = (teamId: string, userId: string) => `framecast:tm_${teamId}:usr_${userId}`;

export function parseUrn(value: string): Urn | null {
  if (!URN_PATTERN.test(value)) return null;
  const rest = value.slice("framecast:".length);
  if (rest.startsWith("user:usr_")) return { kind: "user", userId: rest.slice("user:usr_".length) };
  if (rest.startsWith("team:tm_")) return { kind: "team", teamId: rest.slice("team:tm_".length) };
  const [tm, usr] = rest.split(":") as [string, string];
  return { kind: "membership", teamId: tm.slice(3), userId: usr.slice(4) };
}

export function formatUrn(urn: Urn): string {
  switch (urn.kind) {
    case "user":
      return userUrn(urn.userId);
    case "team":
      return teamUrn(urn.teamId);
    case "membership":
      return membershipUrn(urn.teamId, urn.userId);
  }
}
