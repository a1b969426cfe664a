/** `just generate-api-key <email> [name]`: creates a full-access personal API key and prints it once. */
import { findUserByEmail } from "@/lib/accounts/queries";
import { createApiKey } from "@/lib/api-keys/service";
import { closeDb, db } from "@/lib/db/client";
import { ensureDatabase } from "./lib/database";

const [email, name = "Admin-generated"] = process.argv.slice(2);
if (!email) {
  process.stderr.write("usage: just generate-api-key <email> [name]\n");
  process.exit(2);
}
const database = await ensureDatabase();
try {
  const user = await findUserByEmail(db(), email);
  if (!user) {
    process.stderr.write(`no user with email ${email}: they must sign in once first\n`);
    process.exitCode = 1;
  } else {
    const { api_key, raw_key } = await createApiKey(db(), { user, via: "token" }, { name, scopes: ["*"] });
    process.stdout.write(`API key "${api_key.name}" (${api_key.id}) for ${email}, owner ${api_key.owner}:\n${raw_key}\n`);
    process.stdout.write("Store it now: it is not shown again.\n");
  }
} finally {
  await closeDb();
  await database.stop();
}
