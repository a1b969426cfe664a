import { describe, expect, it } from "vitest";
import { addressBucket, clientAddress, PEER_HEADER, peerHeaderValue } from "./client-ip";

const peer = (address: string, extra: Record<string, string> = {}) => new Headers({ [PEER_HEADER]: peerHeaderValue(address), ...extra });

describe("clientAddress", () => {
  it("without trusted proxies: the stamped socket address; X-Forwarded-For and forged stamps are ignored", () => {
    expect(clientAddress(peer("203.0.113.5", { "x-forwarded-for": "1.1.1.1" }), 0)).toBe("203.0.113.5");
    expect(clientAddress(new Headers({ [PEER_HEADER]: "forged 1.2.3.4", "x-forwarded-for": "1.2.3.4" }), 0)).toBe("unknown");
    expect(clientAddress(new Headers(), 0)).toBe("unknown");
  });

  it("with n trusted hops: the n-th entry from the right; a shorter chain falls back to the peer", () => {
    const h = peer("10.0.0.9", { "x-forwarded-for": "6.6.6.6, 198.51.100.1, 10.0.0.1" });
    expect(clientAddress(h, 1)).toBe("10.0.0.1");
    expect(clientAddress(h, 2)).toBe("198.51.100.1");
    expect(clientAddress(h, 4)).toBe("10.0.0.9");
  });

  it("IPv4-mapped IPv6 is IPv4; other IPv6 addresses count per /64", () => {
    expect(clientAddress(peer("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddress(peer("2001:db8:1:2:aaaa::1"), 0)).toBe("2001:db8:1:2::/64");
    expect(clientAddress(peer("2001:0db8:0001:0002:ffff:0:0:7"), 0)).toBe("2001:db8:1:2::/64");
    expect(clientAddress(peer("::1"), 0)).toBe("0:0:0:0::/64");
  });

  it("bucket keys are bounded whatever the address", () => {
    expect(addressBucket("x".repeat(6000)).length).toBeLessThanOrEqual(40);
    expect(addressBucket("1.2.3.4")).not.toBe(addressBucket("1.2.3.5"));
  });
});
