/**
 * `just rehearse` only (scripts/rehearse.ts): production refuses webhooks to private addresses
 * (and WEBHOOK_ALLOW_PRIVATE), so a rehearsal on one machine could never see its team webhook
 * delivered. REHEARSAL_WEBHOOK_ORIGIN names ONE exact https origin (`https://127.0.0.1:<port>`)
 * that may be private, and only while FRAMECAST_REHEARSAL=1 is set too (production refuses to start
 * with the origin alone; see lib/config.ts). TLS is still verified (the rehearsal trusts its
 * receiver's certificate through NODE_EXTRA_CA_CERTS). Never set either in a real deployment.
 */
import { config, type Config } from "@/lib/config";

type RehearsalSettings = Pick<Config, "REHEARSAL_WEBHOOK_ORIGIN" | "FRAMECAST_REHEARSAL">;

export function rehearsalAllows(url: URL, settings: RehearsalSettings = config()): boolean {
  const origin = settings.REHEARSAL_WEBHOOK_ORIGIN;
  if (!origin || !settings.FRAMECAST_REHEARSAL) return false;
  const allowed = new URL(origin);
  return allowed.protocol === "https:" && url.protocol === "https:" && allowed.origin === url.origin;
}
