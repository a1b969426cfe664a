import type { OpenApiOperation } from "@/lib/openapi/document";

const EXAMPLE_IDS: Record<string, string> = {
  "/v1/system-assets/{id}": "asset_sfx_whoosh",
};
const EXAMPLE_UUID = "5b0e3c7a-7f43-4a52-9d5e-0e6f3b1c2d4e";

/** A copy-pasteable curl command for an operation, from its document entry. */
export function curlExample(serverUrl: string, path: string, method: string, op: OpenApiOperation): string {
  const url = serverUrl.replace(/\/$/, "") + path.replace(/\{(\w+)\}/g, () => EXAMPLE_IDS[path] ?? EXAMPLE_UUID);
  const lines = [method === "get" ? `curl "${url}"` : `curl -X ${method.toUpperCase()} "${url}"`];
  if (!op.security) lines.push(`  -H "Authorization: Bearer $FRAMECAST_API_KEY"`);
  if (op.parameters?.some((p) => p.$ref === "#/components/parameters/IdempotencyKey")) lines.push(`  -H "Idempotency-Key: $(uuidgen)"`);
  if (op.responses["200"]?.content && "text/event-stream" in (op.responses["200"].content as object)) lines[0] = lines[0]!.replace("curl ", "curl -N ");
  const body = (op.requestBody?.content as Record<string, { example?: unknown }> | undefined)?.["application/json"];
  if (body?.example !== undefined) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(body.example)}'`);
  }
  return lines.join(" \\\n");
}
