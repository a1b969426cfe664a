/** proxy.ts on a real database: a /v1 method the path does not answer is the 405 envelope, counted and with its headers. */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

describe("proxy", () => {
  it("keeps the /v1 405 envelope, with Allow and the rate-limit headers", async () => {
    const res = await proxy(new NextRequest("http://localhost:3000/v1/status", { method: "DELETE" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain("GET");
    expect(res.headers.get("x-ratelimit-limit")).not.toBeNull();
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("METHOD_NOT_ALLOWED");
  });
});
