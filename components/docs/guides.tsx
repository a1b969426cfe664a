import type { ReactNode } from "react";
import { CodeWindow } from "@/components/site/code-window";
import { ERROR_STATUS, type ErrorCode } from "@/lib/http/errors";
import { ERROR_MEANINGS } from "@/lib/openapi/document";
import { Markdown } from "./markdown";

export const GUIDES = [
  { id: "authentication", title: "Authentication" },
  { id: "errors", title: "Errors" },
  { id: "rate-limits", title: "Rate limits" },
  { id: "event-stream", title: "Event stream" },
  { id: "webhooks", title: "Webhooks" },
] as const;

const VERIFY_SAMPLE = `import { createHmac, timingSafeEqual } from "node:crypto";

// Express-style handler: use the raw body, exactly as received.
function verify(rawBody, headers, secret) {
  const ts = Number(headers["x-webhook-timestamp"]);
  if (!ts || Math.abs(Date.now() / 1000 - ts) > 300) return false; // older than 5 minutes
  const expected = "sha256=" + createHmac("sha256", secret).update(\`\${ts}.\${rawBody}\`).digest("hex");
  const given = String(headers["x-webhook-signature"] ?? "");
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}`;

function Guide({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-24">
      <h2 id={`${id}-title`} className="text-xl font-semibold tracking-tight text-zinc-950">
        <a href={`#${id}`} className="hover:underline">
          {title}
        </a>
      </h2>
      <div className="mt-3 space-y-3 text-sm leading-relaxed text-zinc-600">{children}</div>
    </section>
  );
}

const Code = ({ children }: { children: ReactNode }) => (
  <code className="rounded bg-zinc-100 px-1 py-px font-mono text-[0.85em] text-zinc-800">{children}</code>
);

const SSE_SAMPLE = `retry: 2000

id: 5b0e3c7a-…:2
event: started
data: {"status":"processing","percent":5,"job_id":"5b0e3c7a-…","sequence":2,…}

: ping`;

const EVENT_TYPES: [string, string][] = [
  ["queued", "status, credits_charged, estimated_duration_seconds, estimated_generation_time_seconds"],
  ["started", "status: processing, phase: initializing, percent"],
  ["progress", "the progress object: phase, percent, scenes_completed, scenes_total, current_scene"],
  ["scene_complete", "the progress object + scene_id, preview_url (presigned 1 h)"],
  ["completed", "status, percent: 100, output: {video_url, thumbnail_url, duration, resolution, size_bytes}"],
  ["failed", "status, failure_type, error: {code, message, scene_id?}, credits_refunded, percent"],
  ["canceled", "status, canceled_by, credits_refunded, percent"],
];

export function Guides() {
  const codes = (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((c) => c !== "METHOD_NOT_ALLOWED" && c !== "UNSUPPORTED_MEDIA_TYPE");
  return (
    <div className="space-y-12">
      <Guide id="authentication" title="Authentication">
        <p>
          Send <Code>Authorization: Bearer &lt;token&gt;</Code> on every request except the public ones (
          <Code>/v1/status</Code>, <Code>/v1/spec/schema.json</Code>, <Code>/v1/openapi.json</Code>). The token is either a
          Supabase Auth access token (a JWT with <Code>aud = authenticated</Code>) or an API key <Code>sk_live_…</Code> created in
          Settings or with <Code>POST /v1/auth/keys</Code>. Missing, invalid, expired or revoked credentials are 401.
        </p>
        <p>
          API keys carry scopes — <Code>generate</Code>, <Code>jobs:read</Code>, <Code>jobs:write</Code>, <Code>assets:read</Code>,{" "}
          <Code>assets:write</Code>, … or <Code>*</Code> for all — and an owner (your personal URN or a team&apos;s). Each operation
          below names the scope a key needs; a key without it gets 403. Sessions and Supabase tokens have every scope.
        </p>
      </Guide>

      <Guide id="errors" title="Errors">
        <p>
          Every error has the same body: <Code>{`{"error": {"code": "UPPER_SNAKE", "message": "…", "details": {…}}}`}</Code>. Validation
          errors (422) list every problem in <Code>details.errors</Code> as <Code>{"{path, message, value?, valid_values?, limit?}"}</Code>
          , with paths like <Code>scenes[2].duration</Code>; unknown fields are rejected, not ignored. Responses never include stack
          traces.
        </p>
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Error codes</caption>
            <thead className="bg-zinc-50 text-xs text-zinc-500">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Status</th>
                <th scope="col" className="px-3 py-2 font-medium">Code</th>
                <th scope="col" className="px-3 py-2 font-medium">Meaning</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {codes.map((c) => (
                <tr key={c} className="align-top">
                  <td className="px-3 py-2 font-mono text-[13px] text-zinc-500">{ERROR_STATUS[c]}</td>
                  <td className="px-3 py-2 font-mono text-[13px] font-medium whitespace-nowrap text-zinc-900">{c}</td>
                  <td className="px-3 py-2 text-zinc-600">
                    <Markdown text={ERROR_MEANINGS[c]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Guide>

      <Guide id="rate-limits" title="Rate limits">
        <p>
          Requests are counted per user in one-minute windows: 60 per minute on Starter, 300 on Creator (API keys count for their
          user), and 30 per minute per IP address for anonymous requests. Every response carries <Code>X-RateLimit-Limit</Code>,{" "}
          <Code>X-RateLimit-Remaining</Code> and <Code>X-RateLimit-Reset</Code> (unix seconds), plus <Code>X-Request-Id</Code>.
        </p>
        <p>
          Over the limit you get 429 <Code>RATE_LIMIT_EXCEEDED</Code> with <Code>Retry-After</Code>, <Code>X-RateLimit-RetryAfter</Code>{" "}
          and <Code>details.retry_after</Code>. Lists take <Code>?limit=1..100</Code> (default 20) and <Code>cursor</Code>, and return{" "}
          <Code>{`{"data": [...], "next_cursor": "…" | null}`}</Code>.
        </p>
      </Guide>

      <Guide id="event-stream" title="Event stream">
        <p>
          <Code>GET /v1/jobs/:id/events</Code> is a server-sent event stream (<Code>text/event-stream</Code>, works with{" "}
          <Code>EventSource</Code>). It replays the job&apos;s stored events, then sends new ones as they happen, with a{" "}
          <Code>: ping</Code> comment every 10 seconds, and ends after the terminal event. Each event is{" "}
          <Code>id: &lt;job_id&gt;:&lt;sequence&gt;</Code>, <Code>event: &lt;type&gt;</Code> and one <Code>data:</Code> line of JSON:
          the payload plus <Code>job_id</Code>, <Code>sequence</Code>, <Code>event_type</Code> and <Code>created_at</Code>.
        </p>
        <p>
          To resume, send <Code>Last-Event-ID</Code> (EventSource does this on reconnect) or <Code>?last_event_id=</Code>. Events are
          kept 7 days: an older resume point is 410 <Code>GONE</Code>. A finished job with nothing left to send answers 204.
        </p>
        <div className="grid gap-4 lg:grid-cols-[1fr_1fr]">
          <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white text-[13px]">
            {EVENT_TYPES.map(([type, payload]) => (
              <li key={type} className="px-3 py-2">
                <code className="font-mono font-medium text-zinc-900">{type}</code>
                <span className="block text-zinc-500">{payload}</span>
              </li>
            ))}
          </ul>
          <CodeWindow code={SSE_SAMPLE} lang="shell" title="text/event-stream" label="Example event stream" className="self-start" />
        </div>
      </Guide>

      <Guide id="webhooks" title="Webhooks">
        <p>
          A team&apos;s owners and admins register https endpoints (<Code>POST /v1/teams/:id/webhooks</Code>) for{" "}
          <Code>job.queued</Code>, <Code>job.started</Code>, <Code>job.progress</Code> (at most once a second per job),{" "}
          <Code>job.completed</Code>, <Code>job.failed</Code> and <Code>job.canceled</Code> of the team&apos;s jobs. Each delivery is a
          POST of <Code>{`{"event", "timestamp", "delivery_id", "job": {...}}`}</Code> with <Code>X-Webhook-Delivery-Id</Code>,{" "}
          <Code>X-Webhook-Timestamp</Code> (unix seconds) and <Code>X-Webhook-Signature: sha256=&lt;hex&gt;</Code>, the HMAC-SHA256 of{" "}
          <Code>&lt;timestamp&gt;.&lt;raw body&gt;</Code> with the secret shown when you created (or rotated) the webhook.
        </p>
        <p>
          Answer 2xx within 5 seconds. 5xx, 429, timeouts and network errors are retried after 1 minute, 5 minutes, 30 minutes and 2
          hours (5 attempts), with the same delivery id — deliveries are at least once, so de-duplicate on it. Any other status fails at
          once; redirects are not followed. Endpoints must resolve to public addresses.
        </p>
        <CodeWindow code={VERIFY_SAMPLE} lang="shell" title="verify.js" label="Verifying a webhook signature" />
      </Guide>
    </div>
  );
}
