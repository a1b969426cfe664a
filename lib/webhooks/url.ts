/**
 * Where a webhook may point (spec part 4 §6): https only, and a host that resolves only to public
 * addresses — loopback, private, link-local (cloud metadata), CGNAT, multicast, reserved, their IPv6
 * equivalents and every IPv6 form that embeds an IPv4 address are refused, at creation and again at
 * every delivery (DNS can change; the delivery then connects to the address that was checked).
 * WEBHOOK_ALLOW_PRIVATE (development and tests only) lets them through.
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { config } from "@/lib/config";
import { rehearsalAllows } from "./rehearsal";

// Two lists: Node's BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules too.
const blocked4 = new BlockList();
const blocked6 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24],
  ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked4.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["2001:db8::", 32], ["100::", 64],
  // Forms that carry an IPv4 address (and so reach IPv4 hosts through a translator or tunnel) are
  // refused whatever they embed: judging the embedded address is one parser quirk away from a bypass.
  // ::/96 IPv4-compatible (also :: and ::1), ::ffff:0:0/96 IPv4-mapped, ::ffff:0:0:0/96 IPv4-translated,
  // 64:ff9b::/96 and 64:ff9b:1::/48 NAT64, 2002::/16 6to4, 2001::/32 Teredo.
  ["::", 96], ["::ffff:0:0", 96], ["::ffff:0:0:0", 96], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["2002::", 16], ["2001::", 32],
] as const) blocked6.addSubnet(net, prefix, "ipv6");

/** True for an address a webhook may reach. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !blocked4.check(address, "ipv4") : !blocked6.check(address, "ipv6");
}

export class UnsafeUrlError extends Error {}

/** Checks the URL and resolves its host; returns the address to connect to. */
export async function checkWebhookUrl(raw: string): Promise<{ url: URL; address: string; family: 4 | 6 }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError("Not a valid URL.");
  }
  if (url.protocol !== "https:") throw new UnsafeUrlError("Webhook URLs must use https.");
  if (url.username || url.password) throw new UnsafeUrlError("Webhook URLs may not carry credentials.");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
  } catch {
    throw new UnsafeUrlError(`The host ${host} does not resolve.`);
  }
  if (addresses.length === 0) throw new UnsafeUrlError(`The host ${host} does not resolve.`);
  if (!config().WEBHOOK_ALLOW_PRIVATE && !rehearsalAllows(url) && addresses.some((a) => !isPublicAddress(a.address))) {
    throw new UnsafeUrlError(`The host ${host} resolves to a private or reserved address; webhooks go to public addresses only.`);
  }
  return { url, address: addresses[0]!.address, family: addresses[0]!.family === 6 ? 6 : 4 };
}
