import type { ReactNode } from "react";

/** Inline Markdown as used in the OpenAPI descriptions: `code` and **bold** only. */
export function Markdown({ text }: { text: string }) {
  const out: ReactNode[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) {
      out.push(
        <code key={m.index} className="rounded bg-zinc-100 px-1 py-px font-mono text-[0.85em] text-zinc-800">
          {m[1]}
        </code>,
      );
    } else {
      out.push(
        <strong key={m.index} className="font-medium text-zinc-800">
          {m[2]}
        </strong>,
      );
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return <>{out}</>;
}
