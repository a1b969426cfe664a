/** Runs once when the server starts (Node runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfigAtStartup } = await import("@/lib/startup");
    checkConfigAtStartup();
    // Delivers outbox events a previous (crashed) process committed but never sent.
    const { startOutboxPump } = await import("@/lib/jobs/outbox");
    startOutboxPump();
  }
}
