import { ClockIcon, FilmIcon, LoaderIcon } from "@/components/icons";
import { cn } from "@/components/ui/cn";
import { formatDuration, isActive } from "./status";
import type { Job, ScenePreview } from "./types";

interface SceneInfo {
  id: string;
  prompt?: string;
  duration?: number;
}

function scenesOf(job: Job, previews: ScenePreview[]): SceneInfo[] {
  const fromSpec = Array.isArray(job.spec_snapshot?.scenes)
    ? job.spec_snapshot.scenes.filter((s): s is SceneInfo => typeof s?.id === "string")
    : [];
  const known = new Set(fromSpec.map((s) => s.id));
  // Previews for scenes the snapshot doesn't list (shouldn't happen) still show.
  return [...fromSpec, ...previews.filter((p) => !known.has(p.scene_id)).map((p) => ({ id: p.scene_id }))];
}

/**
 * One tile per storyboard scene: its clip once rendered (from `scene_complete` events, or
 * `scene_previews` on reload), "Rendering…" for the scene in progress, "Waiting" otherwise.
 */
export function SceneTiles({ job, previews }: { job: Job; previews: ScenePreview[] }) {
  const scenes = scenesOf(job, previews);
  const byId = new Map(previews.map((p) => [p.scene_id, p.url]));
  const active = isActive(job.status);
  const current = job.progress?.current_scene ?? null;
  const generating = job.status === "processing" && (job.progress?.phase === "generating" || job.progress?.phase === "initializing");

  // Which tiles show "Rendering…": the reported current scene, or else (scenes render in
  // parallel: personal owners 2 at a time, teams 4) the first pending ones.
  const parallel = job.owner.startsWith("framecast:user:") ? 2 : 4;
  const pending = scenes.filter((s) => !byId.has(s.id)).map((s) => s.id);
  const renderingIds = new Set(
    job.status === "processing" && job.progress?.phase === "generating" ? (current ? [current] : pending.slice(0, parallel)) : [],
  );

  if (!scenes.length) {
    return <p className="text-sm text-zinc-500">This storyboard has no scenes to show.</p>;
  }

  return (
    <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Scenes">
      {scenes.map((scene, i) => {
        const url = byId.get(scene.id);
        const rendering = !url && renderingIds.has(scene.id);
        return (
          <li key={scene.id} data-testid="scene-tile" data-scene-id={scene.id} data-ready={url ? "true" : "false"} className="min-w-0">
            <div
              className={cn(
                "relative aspect-video overflow-hidden rounded-lg border",
                url ? "border-zinc-900 bg-black" : "border-dashed border-zinc-200 bg-zinc-50",
              )}
            >
              {url ? (
                <video
                  key={url}
                  src={url}
                  data-testid="scene-preview"
                  controls
                  muted
                  playsInline
                  preload="metadata"
                  aria-label={`Preview of scene ${scene.id}`}
                  className="h-full w-full animate-fade-in object-cover"
                />
              ) : (
                <div className="flex h-full flex-col items-center justify-center gap-1.5 text-xs text-zinc-500">
                  {rendering ? (
                    <>
                      <LoaderIcon size={18} className="animate-spin text-brand-600" />
                      <span className="font-medium text-brand-700">Rendering…</span>
                    </>
                  ) : active ? (
                    <>
                      <ClockIcon size={18} className="text-zinc-400" />
                      <span>{generating ? "Waiting" : job.status === "queued" ? "Queued" : "Preparing"}</span>
                    </>
                  ) : (
                    <>
                      <FilmIcon size={18} className="text-zinc-300" />
                      <span>No preview</span>
                    </>
                  )}
                </div>
              )}
              <span className="absolute top-2 left-2 rounded bg-black/55 px-1.5 py-0.5 font-mono text-[11px] font-medium text-white backdrop-blur-sm">
                {i + 1}
              </span>
            </div>
            <div className="mt-2 flex items-baseline justify-between gap-2">
              <p className="truncate font-mono text-[13px] font-medium text-zinc-900">{scene.id}</p>
              {typeof scene.duration === "number" ? (
                <span className="shrink-0 text-xs text-zinc-500 tabular-nums">{formatDuration(scene.duration)}</span>
              ) : null}
            </div>
            {scene.prompt ? <p className="mt-0.5 line-clamp-2 text-xs text-zinc-500">{scene.prompt}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
