import { describe, expect, it } from "vitest";
import { routeLabel } from "./metrics";

describe("routeLabel", () => {
  it("folds ids (UUIDs, prefixed ids, URNs, numbers) into :id and keeps the route's words", () => {
    expect(routeLabel("/v1/jobs/3f0c9a52-6a8e-4a57-9a54-4a1b2c3d4e5f/events")).toBe("/v1/jobs/:id/events");
    expect(routeLabel("/v1/teams/tm_8Hq2kLm9xQ/webhooks")).toBe("/v1/teams/:id/webhooks");
    expect(routeLabel("/v1/urn/framecast%3Ateam%3Atm_abc")).toBe("/v1/urn/:id");
    expect(routeLabel("/v1/webhooks/12/deliveries")).toBe("/v1/webhooks/:id/deliveries");
    expect(routeLabel("/v1/account/api-keys")).toBe("/v1/account/api-keys");
    expect(routeLabel("/v1/status")).toBe("/v1/status");
  });
});
