import { describe, expect, it } from "vitest";
import { isPublicAddress } from "./url";

describe("isPublicAddress: where webhooks may go", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fc00::1", "fd12::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "not-an-ip"])(
    "refuses %s",
    (a) => expect(isPublicAddress(a)).toBe(false),
  );
  it.each(["93.184.216.34", "1.1.1.1", "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"])("allows %s", (a) => expect(isPublicAddress(a)).toBe(true));

  // Forms that carry an IPv4 address inside IPv6: refused whatever address they embed, public or not.
  it.each([
    ["IPv4-compatible ::/96, loopback", "::7f00:1"],
    ["IPv4-compatible ::/96, dotted", "::127.0.0.1"],
    ["IPv4-compatible ::/96, metadata", "::a9fe:a9fe"],
    ["IPv4-compatible ::/96, public", "::5db8:d822"],
    ["IPv4-mapped ::ffff:0:0/96, hex loopback", "::ffff:7f00:1"],
    ["IPv4-mapped ::ffff:0:0/96, hex metadata", "::ffff:a9fe:a9fe"],
    ["IPv4-mapped ::ffff:0:0/96, public dotted", "::ffff:93.184.216.34"],
    ["IPv4-mapped ::ffff:0:0/96, public hex", "::ffff:5db8:d822"],
    ["IPv4-mapped, long form", "0:0:0:0:0:ffff:7f00:1"],
    ["IPv4-translated ::ffff:0:0:0/96", "::ffff:0:7f00:1"],
    ["6to4 2002::/16, loopback", "2002:7f00:1::1"],
    ["6to4 2002::/16, metadata", "2002:a9fe:a9fe::"],
    ["6to4 2002::/16, public", "2002:5db8:d822::1"],
    ["NAT64 64:ff9b::/96, private", "64:ff9b::10.0.0.1"],
    ["NAT64 64:ff9b::/96, public", "64:ff9b::5db8:d822"],
    ["local-use NAT64 64:ff9b:1::/48", "64:ff9b:1::a9fe:a9fe"],
    ["Teredo 2001::/32", "2001:0:4136:e378:8000:63bf:3fff:fdd2"],
  ])("refuses %s (%s)", (_what, a) => expect(isPublicAddress(a)).toBe(false));
});
