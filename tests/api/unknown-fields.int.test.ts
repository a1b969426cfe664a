import { describe, expect, it } from "vitest";
import { upgradedCreator } from "../helpers/fixtures";
import { call } from "../helpers/http";
import { concrete, handlerOf, WRITE_OPERATIONS } from "../helpers/operations";

// Storyboard documents (YAML or JSON text) are judged by the storyboard validator, not a body schema.
const bodyOperations = WRITE_OPERATIONS.filter((op) => !op.body?.yaml);

describe("unknown body fields are 422 everywhere (spec part 2 §2)", () => {
  it.each(bodyOperations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    "%s: an unknown field → 422 VALIDATION_ERROR with its path",
    async (_, op) => {
      const c = await upgradedCreator();
      const { path, params } = concrete(op);
      const example = (op.body?.example ?? {}) as Record<string, unknown>;
      const res = await call(await handlerOf(op), {
        method: op.method.toUpperCase(),
        path,
        params,
        token: c.token,
        body: { ...example, zz_unknown_field: { x: 1 } },
      });
      expect(res.status, res.text).toBe(422);
      expect(res.json.error.code).toBe("VALIDATION_ERROR");
      expect(res.json.error.details.errors).toContainEqual(expect.objectContaining({ path: "zz_unknown_field" }));
    },
  );
});
