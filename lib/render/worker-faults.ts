/** Fault injection for tests of the render pipeline (POST/DELETE /v2/local/_faults; refused in production). */
import { z } from "zod";

export const faultsSchema = z
  .object({
    /** Answer this many /run requests with a 500. */
    run500: z.number().int().min(0).optional(),
    /** Report these scenes FAILED. */
    failScenes: z.array(z.string()).optional(),
    /** Extra render time, ms. */
    delayMs: z.number().int().min(0).max(600_000).optional(),
    /** Never call the webhook: only status polling reveals the outcome. */
    dropWebhook: z.boolean().optional(),
  })
  .strict();

export type Faults = Required<z.infer<typeof faultsSchema>>;
export const NO_FAULTS: Faults = { run500: 0, failScenes: [], delayMs: 0, dropWebhook: false };

export class FaultStore {
  current: Faults = NO_FAULTS;

  /** Fields given replace the current ones; the rest stay. */
  set(changes: Partial<Faults>): Faults {
    this.current = { ...this.current, ...changes };
    return this.current;
  }

  reset(): Faults {
    this.current = NO_FAULTS;
    return this.current;
  }

  /** Whether this /run must fail (and counts it). */
  takeRun500(): boolean {
    if (this.current.run500 <= 0) return false;
    this.current = { ...this.current, run500: this.current.run500 - 1 };
    return true;
  }
}
