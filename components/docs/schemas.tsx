import { Markdown } from "./markdown";
import { FieldTable } from "./operation";
import { fieldRows, typeLabel, type JsonSchema } from "./schema";

/** Every component schema of the document, with its top-level fields. */
export function SchemaList({ schemas }: { schemas: Record<string, JsonSchema> }) {
  const names = Object.keys(schemas).sort((a, b) => a.localeCompare(b));
  return (
    <div className="grid gap-4">
      {names.map((name) => {
        const s = schemas[name]!;
        const rows = fieldRows(s, schemas);
        return (
          <details key={name} id={`schema-${name}`} className="group scroll-mt-24 rounded-xl border border-zinc-200 bg-white shadow-card">
            <summary className="flex cursor-pointer list-none items-center justify-between gap-3 px-5 py-3 sm:px-6 [&::-webkit-details-marker]:hidden">
              <span className="line-clamp-1 min-w-0">
                <code className="font-mono text-[14px] font-medium text-zinc-900">{name}</code>
                {typeof s.description === "string" ? (
                  <span className="ml-3 text-sm text-zinc-500">
                    <Markdown text={s.description} />
                  </span>
                ) : null}
              </span>
              <span className="shrink-0 text-xs text-zinc-400 group-open:hidden">{rows.length ? `${rows.length} ${rows.length === 1 ? "field" : "fields"}` : typeLabel(s)}</span>
              <span className="hidden shrink-0 text-xs text-zinc-400 group-open:inline">Hide</span>
            </summary>
            <div className="space-y-3 border-t border-zinc-100 px-5 py-4 sm:px-6">
              {rows.length ? <FieldTable rows={rows} caption={`Fields of ${name}`} /> : null}
              <details>
                <summary className="cursor-pointer text-xs font-medium text-zinc-500 hover:text-zinc-900">JSON Schema</summary>
                <pre className="mt-2 max-h-96 overflow-auto rounded-lg bg-zinc-950 p-4 font-mono text-[12px] leading-5 text-zinc-200">
                  {JSON.stringify(s, null, 2)}
                </pre>
              </details>
            </div>
          </details>
        );
      })}
    </div>
  );
}
