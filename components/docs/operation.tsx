import type { ReactNode } from "react";
import { CodeWindow } from "@/components/site/code-window";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { OpenApiOperation } from "@/lib/openapi/document";
import { curlExample } from "./curl";
import { constraints, fieldRows, refName, typeLabel, type FieldRow, type JsonSchema } from "./schema";
import { Markdown } from "./markdown";

const METHOD_TONES: Record<string, string> = {
  get: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  post: "bg-brand-50 text-brand-700 ring-brand-200",
  patch: "bg-amber-50 text-amber-800 ring-amber-200",
  put: "bg-amber-50 text-amber-800 ring-amber-200",
  delete: "bg-red-50 text-red-700 ring-red-200",
};

export function MethodBadge({ method, className }: { method: string; className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex w-14 shrink-0 justify-center rounded-md px-1.5 py-0.5 font-mono text-[11px] font-semibold tracking-wide uppercase ring-1 ring-inset",
        METHOD_TONES[method] ?? "bg-zinc-100 text-zinc-700 ring-zinc-200",
        className,
      )}
    >
      {method === "delete" ? "DEL" : method.toUpperCase()}
    </span>
  );
}

export const operationAnchor = (op: OpenApiOperation) => `op-${op.operationId}`;

function SubHeading({ children }: { children: ReactNode }) {
  return <h4 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">{children}</h4>;
}

export function FieldTable({ rows, caption }: { rows: (FieldRow & { where?: string })[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-zinc-50 text-xs text-zinc-500">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Name</th>
            <th scope="col" className="px-3 py-2 font-medium">Type</th>
            <th scope="col" className="px-3 py-2 font-medium">Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((r) => (
            <tr key={`${r.where ?? ""}${r.name}`} className="align-top">
              <td className="px-3 py-2 whitespace-nowrap">
                <code className="font-mono text-[13px] font-medium text-zinc-900">{r.name}</code>
                {r.required ? <span className="ml-1.5 text-[11px] font-medium text-red-600">required</span> : null}
                {r.where ? <span className="block text-[11px] text-zinc-400">{r.where}</span> : null}
              </td>
              <td className="px-3 py-2">
                <TypeName type={r.type} />
                {r.constraints.length ? <span className="block text-[11px] text-zinc-500">{r.constraints.join(" · ")}</span> : null}
              </td>
              <td className="px-3 py-2 text-zinc-600">{r.description ? <Markdown text={r.description} /> : <span className="text-zinc-300">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A type label; component names link to the schema section. */
export function TypeName({ type }: { type: string }) {
  const parts = type.split(/(\b[A-Z][A-Za-z]+\b)/);
  return (
    <span className="font-mono text-[12.5px] break-words text-zinc-700">
      {parts.map((p, i) =>
        /^[A-Z][A-Za-z]+$/.test(p) ? (
          <a key={i} href={`#schema-${p}`} className="text-brand-700 underline decoration-brand-200 underline-offset-2 hover:decoration-brand-500">
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </span>
  );
}

function responseTone(status: string): "success" | "warning" | "danger" | "neutral" {
  if (status.startsWith("2")) return "success";
  if (status.startsWith("4")) return "warning";
  if (status.startsWith("5")) return "danger";
  return "neutral";
}

export function Operation({
  path,
  method,
  op,
  serverUrl,
  components,
}: {
  path: string;
  method: string;
  op: OpenApiOperation;
  serverUrl: string;
  components: Record<string, JsonSchema>;
}) {
  const [description, scopeLine] = op.description.split("\n\n");
  const params = (op.parameters ?? []).map((p) => {
    const resolved = typeof p.$ref === "string" ? (p as { $ref: string }) : null;
    return resolved ? { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 }, description: "Retry safely: the same key and body return the original job." } : p;
  });
  const paramRows = params.map((p) => ({
    name: p.name as string,
    where: p.in as string,
    required: Boolean(p.required),
    type: typeLabel(p.schema as JsonSchema),
    description: p.description as string | undefined,
    constraints: constraints(p.schema as JsonSchema),
  }));
  const body = op.requestBody as { required?: boolean; content: Record<string, { schema: JsonSchema }> } | undefined;
  const json = body?.content["application/json"];
  const bodyName = refName(json?.schema);

  return (
    <article id={operationAnchor(op)} className="scroll-mt-24 rounded-xl border border-zinc-200 bg-white shadow-card">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-zinc-100 px-5 py-4 sm:px-6">
        <MethodBadge method={method} />
        <code className="font-mono text-[14px] font-medium break-all text-zinc-900">{path}</code>
        <span className="ml-auto flex items-center gap-2">
          {op.security ? (
            <Badge tone="success">Public</Badge>
          ) : (
            <Badge tone="outline">
              scope <span className="font-mono">{op["x-required-scope"] === "any" ? "any" : op["x-required-scope"]}</span>
            </Badge>
          )}
        </span>
      </header>
      <div className="space-y-6 px-5 py-5 sm:px-6">
        <div>
          <h3 className="text-base font-semibold tracking-tight text-zinc-950">
            <a href={`#${operationAnchor(op)}`} className="hover:underline">
              {op.summary}
            </a>
          </h3>
          <div className="mt-1.5 text-sm leading-relaxed text-zinc-600">
            <Markdown text={description ?? ""} />
          </div>
          {scopeLine ? (
            <div className="mt-2 text-[13px] text-zinc-500">
              <Markdown text={scopeLine} />
            </div>
          ) : null}
        </div>

        {paramRows.length ? (
          <section>
            <SubHeading>Parameters</SubHeading>
            <FieldTable rows={paramRows} caption={`Parameters of ${method.toUpperCase()} ${path}`} />
          </section>
        ) : null}

        {body ? (
          <section>
            <SubHeading>
              Request body{" "}
              <span className="font-normal tracking-normal normal-case">
                · {Object.keys(body.content).join(", ")}
                {body.required ? "" : " · optional"}
              </span>
            </SubHeading>
            {bodyName === "Storyboard" ? (
              <p className="text-sm text-zinc-600">
                The storyboard itself — see <TypeName type="Storyboard" /> below and the{" "}
                <a href="/v1/spec/schema.json" className="text-brand-700 hover:underline">
                  JSON Schema
                </a>
                .
              </p>
            ) : (
              <FieldTable rows={fieldRows(json?.schema, components)} caption={`Request body of ${method.toUpperCase()} ${path}`} />
            )}
          </section>
        ) : null}

        <section>
          <SubHeading>Responses</SubHeading>
          <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
            {Object.entries(op.responses).map(([status, r]) => {
              const content = r.content as Record<string, { schema?: JsonSchema }> | undefined;
              const [type, media] = content ? Object.entries(content)[0]! : [undefined, undefined];
              return (
                <li key={status} className="flex gap-3 px-3 py-2 text-sm">
                  <Badge tone={responseTone(status)} className="h-fit font-mono">
                    {status}
                  </Badge>
                  <div className="min-w-0 text-zinc-600">
                    <Markdown text={r.description as string} />
                    {media?.schema && !status.startsWith("4") && !status.startsWith("5") ? (
                      <span className="mt-0.5 block text-[12px] text-zinc-500">
                        {type} · <TypeName type={typeLabel(media.schema)} />
                      </span>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>

        <section>
          <SubHeading>Example</SubHeading>
          <CodeWindow code={curlExample(serverUrl, path, method, op)} lang="shell" title="curl" label={`curl example for ${op.summary}`} />
        </section>
      </div>
    </article>
  );
}
