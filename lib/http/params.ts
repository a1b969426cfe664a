import { z } from "zod";

/** `:id` path parameters: anything that is not a UUID is simply not found. */
export const idParams = z.object({ id: z.string().uuid() }).strict();

/** The body of a write that takes no fields: any field sent is unknown (422). */
export const emptyBody = z.object({}).strict();
