import { z } from "zod";

/** `:id` path parameters: anything that is not a UUID is simply not found. */
export const idParams = z.object({ id: z.string().uuid() }).strict();
