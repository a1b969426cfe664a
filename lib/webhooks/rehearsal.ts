/**
 * `just rehearse` only (scripts/rehearse.ts): production refuses webhooks to private addresses
 * (and WEBHOOK_ALLOW_PRIVATE), so a rehearsal on one machine could never see its team webhook
 * delivered. REHEARSAL_WEBHOOK_ORIGIN names ONE exact https origin (`https://127.0.0.1:<port>`)
 * that may be private, and only while FRAMECAST_REHEARSAL=1 is set too; alone, it is refused
 * (ignored, with an error in the log). TLS is still verified (the rehearsal trusts its receiver's
 * certificate through NODE_EXTRA_CA_CERTS). Never set either in a real deployment.
 *
 * Read here rather than in lib/config.ts (owned elsewhere for now): to be moved there.
 */
import { log } from "@/lib/log";

let warned = false;

export function rehearsalAllows(url: URL, env: Record<string, string | undefined> = process.env): boolean {
  const origin = env.REHEARSAL_WEBHOOK_ORIGIN;
  if (!origin) return false;
  if (env.FRAMECAST_REHEARSAL !== "1") {
    if (!warned) log.error("REHEARSAL_WEBHOOK_ORIGIN is refused without FRAMECAST_REHEARSAL=1 (a rehearsal-only setting): ignored");
    warned = true;
    return false;
  }
  let allowed: URL;
  try {
    allowed = new URL(origin);
  } catch {
    return false;
  }
  return allowed.protocol === "https:" && url.protocol === "https:" && allowed.origin === url.origin;
}
