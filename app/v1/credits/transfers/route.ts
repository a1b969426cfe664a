import { createTransferSchema } from "@/lib/credits/schemas";
import { createTransfer } from "@/lib/credits/transfers";
import { created } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// POST /v1/credits/transfers {from, to, amount, note?} – move credits between your account and your teams
export const POST = route({ body: createTransferSchema }, async ({ db, principal, body }) => created(await createTransfer(db, principal, body)));
