/** Every /v1 operation of the OpenAPI table with its route handler, for tests that cover them all. */
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { OPERATIONS, type OperationSpec } from "@/lib/openapi/operations";

type RouteFn = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const modules = import.meta.glob<Record<string, RouteFn>>("../../app/v1/**/route.ts");

/** `/v1/jobs/{id}/cancel` → its route file's handler for the operation's method. */
export async function handlerOf(op: OperationSpec): Promise<RouteFn> {
  const file = `../../app${op.path.replace(/\{([^}]+)\}/g, "[$1]")}/route.ts`;
  const load = modules[file];
  if (!load) throw new Error(`no route file ${file}`);
  const handler = (await load())[op.method.toUpperCase()];
  if (!handler) throw new Error(`${file} exports no ${op.method.toUpperCase()}`);
  return handler;
}

/** The path with every `{param}` filled (fresh UUIDs unless given), and the params object. */
export function concrete(op: OperationSpec, values: Record<string, string> = {}) {
  const params: Record<string, string> = {};
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    // A URL cannot carry a lone surrogate: Next.js decodes path parameters to well-formed text.
    params[name] = (values[name] ?? randomUUID()).toWellFormed();
    return encodeURIComponent(params[name]);
  });
  return { path, params };
}

export const WRITE_OPERATIONS = OPERATIONS.filter((op) => op.method !== "get");
export { OPERATIONS };
