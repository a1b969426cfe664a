import { config, ConfigError, type Config } from "@/lib/config";

/** A bad configuration stops the server at start with the list of everything that is wrong. */
export function checkConfigAtStartup(): Config {
  try {
    return config();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw err;
  }
}
