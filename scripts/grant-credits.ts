/** `just grant-credits <email or owner URN> <n>`: adds (or with a negative n removes) credits. */
import { closeDb, db } from "@/lib/db/client";
import { grantCredits } from "@/lib/credits/admin";
import { AppError } from "@/lib/http/errors";
import { ensureDatabase } from "./lib/database";

const [target, amountText] = process.argv.slice(2);
const amount = Number(amountText);
if (!target || !Number.isInteger(amount) || amount === 0) {
  process.stderr.write("usage: just grant-credits <email or owner URN> <non-zero integer>\n");
  process.exit(2);
}
const database = await ensureDatabase();
try {
  const { owner, balance } = await grantCredits(db(), target, amount);
  process.stdout.write(`${amount > 0 ? "granted" : "removed"} ${Math.abs(amount)} credits: ${owner} now has ${balance}\n`);
} catch (err) {
  process.stderr.write(`grant-credits failed: ${err instanceof AppError ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await closeDb();
  await database.stop();
}
