/**
 * A fake of Supabase Auth's (GoTrue's) admin API on loopback, in its real wire format:
 * `DELETE /auth/v1/admin/users/{id}` with `apikey: <service key>` and `Authorization: Bearer <service key>`,
 * body `{"should_soft_delete": false}`. A known user answers 200 with the user object; an unknown one
 * 404 `{"code":404,"error_code":"user_not_found","msg":"User not found"}`; a wrong key 401.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeSupabaseAdmin {
  url: string;
  users: Map<string, { id: string; email: string }>;
  requests: { method: string; path: string; headers: http.IncomingHttpHeaders; body: unknown }[];
  /** Answer the next requests with this status (e.g. 500) instead. */
  failWith: number | null;
  stop(): Promise<void>;
}

const ADMIN_USER = /^\/auth\/v1\/admin\/users\/([0-9a-f-]{36})$/;

export async function startFakeSupabaseAdmin(serviceKey: string): Promise<FakeSupabaseAdmin> {
  const fake: FakeSupabaseAdmin = { url: "", users: new Map(), requests: [], failWith: null, stop: async () => {} };
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "";
      fake.requests.push({ method: req.method ?? "", path, headers: req.headers, body: raw ? JSON.parse(raw) : null });
      const m = ADMIN_USER.exec(path);
      if (req.method !== "DELETE" || !m) return send(res, 404, { code: 404, error_code: "not_found", msg: "Not found" });
      if (req.headers.apikey !== serviceKey || req.headers.authorization !== `Bearer ${serviceKey}`) {
        return send(res, 401, { code: 401, error_code: "no_authorization", msg: "This endpoint requires a valid Bearer token" });
      }
      if (fake.failWith) return send(res, fake.failWith, { code: fake.failWith, error_code: "unexpected_failure", msg: "Unexpected failure" });
      const user = fake.users.get(m[1]!);
      if (!user) return send(res, 404, { code: 404, error_code: "user_not_found", msg: "User not found" });
      fake.users.delete(user.id);
      send(res, 200, { id: user.id, aud: "authenticated", role: "authenticated", email: user.email, app_metadata: {}, user_metadata: {} });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
