import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

type Lang = "yaml" | "shell" | "json";

/** Very small, dependency-free highlighter for the snippets shown on marketing and dashboard pages. */
function highlightYamlLine(line: string, key: number): ReactNode {
  const comment = line.indexOf(" #");
  if (/^\s*#/.test(line)) return <span key={key} className="text-zinc-500">{line}</span>;
  const body = comment >= 0 ? line.slice(0, comment) : line;
  const tail = comment >= 0 ? line.slice(comment) : "";
  const m = /^(\s*)(- )?([A-Za-z_][\w>-]*|"[^"]*")(:)(.*)$/.exec(body);
  const parts: ReactNode[] = [];
  if (m) {
    const [, indent = "", dash = "", k = "", colon = "", rest = ""] = m;
    parts.push(indent);
    if (dash) parts.push(<span key="d" className="text-zinc-500">{dash}</span>);
    parts.push(<span key="k" className="text-sky-300">{k}</span>);
    parts.push(<span key="c" className="text-zinc-500">{colon}</span>);
    parts.push(...valueTokens(rest));
  } else {
    const d = /^(\s*)(- )(.*)$/.exec(body);
    if (d) {
      parts.push(d[1], <span key="d" className="text-zinc-500">{d[2]}</span>, ...valueTokens(d[3] ?? ""));
    } else parts.push(...valueTokens(body));
  }
  if (tail) parts.push(<span key="t" className="text-zinc-500">{tail}</span>);
  return <span key={key}>{parts}</span>;
}

function valueTokens(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /("[^"]*"|'[^']*')|(\b\d+(?:\.\d+)?\b)|(\b(?:true|false|null)\b)|([{}[\],])|(@[A-Za-z_]\w*)/g;
  let last = 0;
  let i = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const [tok] = m;
    if (m[1]) out.push(<span key={i++} className="text-emerald-300">{withSymbols(tok)}</span>);
    else if (m[2]) out.push(<span key={i++} className="text-amber-300">{tok}</span>);
    else if (m[3]) out.push(<span key={i++} className="text-fuchsia-300">{tok}</span>);
    else if (m[4]) out.push(<span key={i++} className="text-zinc-500">{tok}</span>);
    else if (m[5]) out.push(<span key={i++} className="text-brand-300">{tok}</span>);
    last = m.index + tok.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function withSymbols(s: string): ReactNode {
  const parts = s.split(/(@[A-Za-z_]\w*)/);
  return parts.map((p, i) =>
    p.startsWith("@") ? (
      <span key={i} className="text-brand-300">
        {p}
      </span>
    ) : (
      p
    ),
  );
}

function highlightShellLine(line: string, key: number): ReactNode {
  const m = /^(\s*)(curl|\$)(.*)$/.exec(line);
  const rest = m ? m[3]! : line;
  const tokens: ReactNode[] = [];
  const re = /("[^"]*"|'[^']*')|(\s-{1,2}[A-Za-z-]+)|(\\$)/g;
  let last = 0;
  let i = 0;
  for (let t = re.exec(rest); t; t = re.exec(rest)) {
    if (t.index > last) tokens.push(rest.slice(last, t.index));
    if (t[1]) tokens.push(<span key={i++} className="text-emerald-300">{t[0]}</span>);
    else if (t[2]) tokens.push(<span key={i++} className="text-sky-300">{t[0]}</span>);
    else tokens.push(<span key={i++} className="text-zinc-500">{t[0]}</span>);
    last = t.index + t[0].length;
  }
  if (last < rest.length) tokens.push(rest.slice(last));
  return (
    <span key={key}>
      {m ? (
        <>
          {m[1]}
          <span className="text-brand-300">{m[2]}</span>
        </>
      ) : null}
      {tokens}
    </span>
  );
}

function highlightJsonLine(line: string, key: number): ReactNode {
  const m = /^(\s*)("[^"]*")(\s*:)(.*)$/.exec(line);
  if (!m) return <span key={key}>{valueTokens(line)}</span>;
  return (
    <span key={key}>
      {m[1]}
      <span className="text-sky-300">{m[2]}</span>
      <span className="text-zinc-500">{m[3]}</span>
      {valueTokens(m[4] ?? "")}
    </span>
  );
}

export function Code({ code, lang }: { code: string; lang: Lang }) {
  const lines = code.replace(/\n$/, "").split("\n");
  const hl = lang === "yaml" ? highlightYamlLine : lang === "json" ? highlightJsonLine : highlightShellLine;
  return (
    <code className="block font-mono text-[12.5px] leading-6 text-zinc-200">
      {lines.map((l, i) => (
        <span key={i} className="block min-h-6 whitespace-pre">
          {hl(l, i)}
        </span>
      ))}
    </code>
  );
}

/** A dark editor-like frame around a highlighted snippet. */
export function CodeWindow({
  code,
  lang,
  title,
  actions,
  lineNumbers = false,
  className,
  label,
}: {
  code: string;
  lang: Lang;
  title?: ReactNode;
  actions?: ReactNode;
  lineNumbers?: boolean;
  className?: string;
  label?: string;
}) {
  const count = code.replace(/\n$/, "").split("\n").length;
  return (
    <figure
      className={cn(
        "overflow-hidden rounded-xl border border-zinc-800 bg-zinc-950 shadow-2xl shadow-zinc-950/20 ring-1 ring-white/5",
        className,
      )}
    >
      <div className="flex items-center justify-between gap-3 border-b border-white/10 bg-white/[0.03] px-4 py-2.5">
        <div className="flex min-w-0 items-center gap-3">
          <div aria-hidden="true" className="flex gap-1.5">
            <span className="h-2.5 w-2.5 rounded-full bg-zinc-700" />
            <span className="h-2.5 w-2.5 rounded-full bg-zinc-700" />
            <span className="h-2.5 w-2.5 rounded-full bg-zinc-700" />
          </div>
          {title ? <figcaption className="truncate font-mono text-xs text-zinc-400">{title}</figcaption> : null}
        </div>
        {actions}
      </div>
      <pre
        className="flex overflow-x-auto px-4 py-4"
        aria-label={label}
        tabIndex={0}
      >
        {lineNumbers ? (
          <span aria-hidden="true" className="mr-4 select-none text-right font-mono text-[12.5px] leading-6 text-zinc-600">
            {Array.from({ length: count }, (_, i) => (
              <span key={i} className="block">
                {i + 1}
              </span>
            ))}
          </span>
        ) : null}
        <Code code={code} lang={lang} />
      </pre>
    </figure>
  );
}
