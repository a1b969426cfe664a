/**
 * A fake of the Anthropic Messages API on loopback (`POST /v1/messages`), answering in the real wire
 * format: each reply is the next scripted storyboard as a `tool_use` block, or an API error.
 */
import http from "node:http";

export type Scripted = { storyboard: unknown } | { status: number; type: string; message: string };

export interface FakeAnthropic {
  url: string;
  /** Requests received: headers and parsed body. */
  requests: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[];
  /** Replies to give, in order (the last one repeats). */
  script(replies: Scripted[]): void;
  stop(): Promise<void>;
}

export async function startFakeAnthropic(opts: { port?: number } = {}): Promise<FakeAnthropic> {
  const requests: FakeAnthropic["requests"] = [];
  let replies: Scripted[] = [];
  let served = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/messages") return res.writeHead(404).end();
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      requests.push({ headers: req.headers, body });
      const reply = replies[Math.min(served++, replies.length - 1)];
      if (!reply) return res.writeHead(500).end();
      if ("status" in reply) {
        res.writeHead(reply.status, { "content-type": "application/json", "request-id": "req_fake" });
        return res.end(JSON.stringify({ type: "error", error: { type: reply.type, message: reply.message } }));
      }
      const tool = (body.tools as { name: string }[])[0]!;
      res.writeHead(200, { "content-type": "application/json", "request-id": "req_fake" });
      res.end(
        JSON.stringify({
          id: `msg_fake_${served}`,
          type: "message",
          role: "assistant",
          model: body.model,
          content: [{ type: "tool_use", id: `toolu_fake_${served}`, name: tool.name, input: reply.storyboard }],
          stop_reason: "tool_use",
          stop_sequence: null,
          usage: { input_tokens: 1000 + served, output_tokens: 200 + served },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    script(next) {
      replies = next;
      served = 0;
      requests.length = 0;
    },
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
