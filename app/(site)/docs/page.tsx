import type { Metadata } from "next";
import { BracesIcon } from "@/components/icons";
import { Guides } from "@/components/docs/guides";
import { Markdown } from "@/components/docs/markdown";
import { Operation } from "@/components/docs/operation";
import type { JsonSchema } from "@/components/docs/schema";
import { SchemaList } from "@/components/docs/schemas";
import { DocsSidebar, tagAnchor, type TagGroup } from "@/components/docs/sidebar";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { openApiDocument } from "@/lib/openapi/document";

export const metadata: Metadata = {
  title: "API reference",
  description: "The Framecast REST API: authentication, errors, rate limits, job events and every endpoint, from the OpenAPI document.",
};
export const dynamic = "force-dynamic";

export default function DocsPage() {
  const doc = openApiDocument();
  const serverUrl = doc.servers[0]?.url ?? "";
  const groups: TagGroup[] = doc.tags.map((t) => ({
    ...t,
    operations: Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.tags.includes(t.name))
        .map(([method, op]) => ({ path, method, op })),
    ),
  }));
  const schemas = doc.components.schemas as Record<string, JsonSchema>;

  return (
    <div className="mx-auto max-w-6xl px-5 py-12 sm:px-6 lg:grid lg:grid-cols-[240px_minmax(0,1fr)] lg:gap-10 lg:py-14">
      <aside className="hidden lg:block">
        <div className="sticky top-24 max-h-[calc(100dvh-7rem)] overflow-y-auto pr-2 pb-8">
          <DocsSidebar groups={groups} />
        </div>
      </aside>

      <div className="min-w-0">
        <header className="border-b border-zinc-200/70 pb-10">
          <Badge tone="brand" className="px-2.5 py-1">
            <BracesIcon size={12} /> API reference · v{doc.info.version}
          </Badge>
          <h1 className="mt-4 text-3xl font-semibold tracking-tight text-zinc-950 sm:text-4xl">Framecast API</h1>
          <p className="mt-3 max-w-2xl text-lg leading-relaxed text-zinc-600">
            Storyboards in, video out. JSON in, JSON out, <span className="font-mono text-base">snake_case</span> fields and ISO-8601
            UTC timestamps. Everything the app does goes through these endpoints, with the same permissions.
          </p>
          <dl className="mt-6 flex flex-wrap gap-x-8 gap-y-3 text-sm">
            <div>
              <dt className="text-zinc-500">Base URL</dt>
              <dd className="mt-0.5 font-mono text-zinc-900">{serverUrl}</dd>
            </div>
            <div>
              <dt className="text-zinc-500">Format</dt>
              <dd className="mt-0.5 text-zinc-900">OpenAPI {doc.openapi}</dd>
            </div>
          </dl>
          <div className="mt-6 flex flex-wrap gap-3">
            <ButtonLink href="/v1/openapi.json" variant="dark" size="md">
              <BracesIcon size={15} /> openapi.json
            </ButtonLink>
            <ButtonLink href="/v1/spec/schema.json" variant="secondary" size="md">
              Storyboard JSON Schema
            </ButtonLink>
          </div>
        </header>

        <nav aria-label="API reference" className="mt-8 flex flex-wrap gap-2 lg:hidden">
          {groups.map((g) => (
            <a key={g.name} href={`#${tagAnchor(g.name)}`} className="rounded-full border border-zinc-200 bg-white px-3 py-1 text-sm text-zinc-600 hover:text-zinc-950">
              {g.name}
            </a>
          ))}
        </nav>

        <div className="mt-10">
          <Guides />
        </div>

        {groups.map((g) => (
          <section key={g.name} id={tagAnchor(g.name)} aria-labelledby={`${tagAnchor(g.name)}-title`} className="mt-16 scroll-mt-24">
            <h2 id={`${tagAnchor(g.name)}-title`} className="text-2xl font-semibold tracking-tight text-zinc-950">
              {g.name}
            </h2>
            <p className="mt-1.5 text-zinc-600">
              <Markdown text={g.description} />
            </p>
            <div className="mt-6 space-y-6">
              {g.operations.map(({ path, method, op }) => (
                <Operation key={op.operationId} path={path} method={method} op={op} serverUrl={serverUrl} components={schemas} />
              ))}
            </div>
          </section>
        ))}

        <section id="schemas" aria-labelledby="schemas-title" className="mt-16 scroll-mt-24">
          <h2 id="schemas-title" className="text-2xl font-semibold tracking-tight text-zinc-950">
            Schemas
          </h2>
          <p className="mt-1.5 text-zinc-600">
            The objects the endpoints take and return, generated from the same zod schemas the API validates with.
          </p>
          <div className="mt-6">
            <SchemaList schemas={schemas} />
          </div>
        </section>
      </div>
    </div>
  );
}
