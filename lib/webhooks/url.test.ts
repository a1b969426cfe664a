import { describe, expect, it } from "vitest";
import { isPublicAddress } from "./url";

describe("isPublicAddress: where webhooks may go", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fc00::1", "fd12::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "not-an-ip"])(
    "refuses %s",
    (a) => expect(isPublicAddress(a)).toBe(false),
  );
  it.each(["93.184.216.34", "1.1.1.1", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"])("allows %s", (a) => expect(isPublicAddress(a)).toBe(true));
});
