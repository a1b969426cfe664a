import type { OpenApiOperation } from "@/lib/openapi/document";
import { GUIDES } from "./guides";
import { MethodBadge, operationAnchor } from "./operation";

export interface TagGroup {
  name: string;
  description: string;
  operations: { path: string; method: string; op: OpenApiOperation }[];
}

export const tagAnchor = (name: string) => `tag-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

/** The table of contents: the guides, then every operation grouped by tag. */
export function DocsSidebar({ groups }: { groups: TagGroup[] }) {
  return (
    <nav aria-label="API reference" className="text-sm">
      <p className="px-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Overview</p>
      <ul className="mt-2 space-y-0.5">
        {GUIDES.map((g) => (
          <li key={g.id}>
            <a href={`#${g.id}`} className="block rounded-md px-2 py-1 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-950">
              {g.title}
            </a>
          </li>
        ))}
      </ul>
      {groups.map((g) => (
        <div key={g.name} className="mt-6">
          <a href={`#${tagAnchor(g.name)}`} className="px-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase hover:text-zinc-900">
            {g.name}
          </a>
          <ul className="mt-2 space-y-0.5">
            {g.operations.map(({ method, op }) => (
              <li key={op.operationId}>
                <a
                  href={`#${operationAnchor(op)}`}
                  className="flex items-center gap-2 rounded-md px-2 py-1 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-950"
                >
                  <MethodBadge method={method} className="w-11 text-[10px]" />
                  <span className="truncate text-[13px]">{op.summary}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div className="mt-6">
        <a href="#schemas" className="px-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase hover:text-zinc-900">
          Schemas
        </a>
      </div>
    </nav>
  );
}
