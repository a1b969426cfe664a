export const dynamic = "force-dynamic";

// GET /livez – the process answers (no dependencies checked). Self-contained: its first request
// loads no database or storage client (it is what an orchestrator polls right after start).
export const GET = () => Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
