import { randomUUID } from "node:crypto";

const SAFE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Echo the client's X-Request-Id when it is sane; otherwise make one. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && SAFE.test(given) ? given : randomUUID();
}
