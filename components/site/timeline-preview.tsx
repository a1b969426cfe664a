import { ClapperIcon, MusicIcon } from "@/components/icons";

const ticks = [0, 2, 4, 6, 8, 10];

/** A static "render preview" of the sample storyboard: two scenes joined by a 1 s dissolve. */
export function TimelinePreview() {
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-card">
      <div className="mb-3 flex items-center justify-between text-xs">
        <span className="font-medium text-zinc-900">Render preview</span>
        <span className="font-mono text-zinc-500">10.0 s · 720p · 110 credits</span>
      </div>
      <div className="relative space-y-2" role="img" aria-label="Timeline: scene storm for 5 seconds, a 1 second dissolve, then scene dawn for 6 seconds, with ocean ambience and peaceful music">
        <div className="relative h-10">
          <div className="absolute inset-y-0 left-0 w-1/2 overflow-hidden rounded-md bg-linear-to-r from-slate-700 via-slate-600 to-indigo-500 shadow-inner">
            <span className="absolute left-2.5 top-1/2 -translate-y-1/2 text-[11px] font-medium text-white/95">
              storm · 5 s
            </span>
          </div>
          <div className="absolute inset-y-0 left-[40%] right-0 overflow-hidden rounded-md bg-linear-to-r from-rose-300 via-orange-200 to-amber-100 [mask-image:linear-gradient(to_right,transparent,black_17%)]">
            <span className="absolute right-2.5 top-1/2 -translate-y-1/2 text-[11px] font-medium text-amber-950/80">
              dawn · 6 s
            </span>
          </div>
          <div className="absolute -top-1 -bottom-1 left-[40%] w-[10%] rounded border border-dashed border-brand-500/70 bg-brand-500/10" />
        </div>
        <div className="flex items-center gap-2">
          <div className="relative h-5 flex-1">
            <div className="absolute inset-y-0 left-0 flex w-1/2 items-center gap-1 rounded bg-sky-100 px-2 text-[10px] font-medium text-sky-800 ring-1 ring-sky-200 ring-inset">
              <ClapperIcon size={10} /> ocean ambience
            </div>
            <div className="absolute inset-y-0 left-[40%] right-0 flex items-center gap-1 rounded bg-linear-to-r from-emerald-50 to-emerald-100 px-2 text-[10px] font-medium text-emerald-800 ring-1 ring-emerald-200 ring-inset">
              <MusicIcon size={10} /> peaceful · fade in 1.5 s
            </div>
          </div>
        </div>
        <div className="flex justify-between pt-1 font-mono text-[10px] text-zinc-400" aria-hidden="true">
          {ticks.map((t) => (
            <span key={t}>{t}s</span>
          ))}
        </div>
      </div>
    </div>
  );
}
