import { openJobEventStream } from "@/lib/jobs/event-stream";
import { jobEventsQuery } from "@/lib/jobs/sse";
import { idParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /v1/jobs/:id/events – server-sent events: replay (after Last-Event-ID), then live until the terminal event
export const GET = route({ scope: "jobs:read", params: idParams, query: jobEventsQuery }, ({ db, principal, params, query, req }) =>
  openJobEventStream(db, principal, params.id, {
    lastEventId: req.headers.get("last-event-id"),
    queryLastEventId: query.last_event_id,
    signal: req.signal,
  }),
);
