/**
 * Serves route handlers over real HTTP on 127.0.0.1, turning each IncomingMessage into a NextRequest
 * as Next.js does, so what reaches the handler is what a real socket produced (the peer stamp too).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";

type RouteFn = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface Served {
  url: string;
  stop(): Promise<void>;
}

export async function serveRoute(handler: RouteFn, params: Record<string, string> = {}): Promise<Served> {
  const server = http.createServer(async (incoming, out) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(incoming.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
    const init = { method: incoming.method, headers, body: hasBody ? (Readable.toWeb(incoming) as ReadableStream) : undefined, duplex: "half" };
    const req = new NextRequest(new URL(incoming.url ?? "/", `http://${incoming.headers.host}`), init as ConstructorParameters<typeof NextRequest>[1]);
    const res = await handler(req, { params: Promise.resolve(params) });
    out.writeHead(res.status, Object.fromEntries(res.headers));
    out.end(Buffer.from(await res.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
