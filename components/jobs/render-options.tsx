import { formatNumber } from "@/components/format";
import { FilmIcon, SparklesIcon } from "@/components/icons";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field, Input } from "@/components/ui/input";
import { Segmented } from "./segmented";

const MAX_SEED = 2 ** 31 - 1;

const RESOLUTIONS = [
  { value: "720p", label: "720p" },
  { value: "1080p", label: "1080p" },
] as const;
const FPS = [
  { value: 24, label: "24" },
  { value: 25, label: "25" },
  { value: 30, label: "30" },
] as const;

/** The seed field: empty (random), or a whole number in range. */
export function parseSeed(raw: string): { seed?: number; error?: string } {
  const v = raw.trim();
  if (!v) return {};
  if (!/^\d+$/.test(v) || Number(v) > MAX_SEED) return { error: `A whole number from 0 to ${formatNumber(MAX_SEED)}.` };
  return { seed: Number(v) };
}

/** Resolution, frame rate, the free animatic draft, and an optional seed. */
export function RenderOptionsCard({
  resolution,
  onResolution,
  fps,
  onFps,
  preview,
  onPreview,
  seed,
  onSeed,
  seedError,
}: {
  resolution: "720p" | "1080p";
  onResolution: (v: "720p" | "1080p") => void;
  fps: 24 | 25 | 30;
  onFps: (v: 24 | 25 | 30) => void;
  preview: boolean;
  onPreview: (v: boolean) => void;
  seed: string;
  onSeed: (v: string) => void;
  seedError?: string;
}) {
  return (
  <Card>
    <CardHeader title="Render options" icon={<FilmIcon size={16} />} />
    <CardContent className="space-y-5">
      <Segmented
        name="resolution"
        legend="Resolution"
        value={resolution}
        options={RESOLUTIONS}
        onChange={onResolution}
        hint={resolution === "1080p" ? "Full HD costs twice as many credits." : "HD. 1080p costs twice as much."}
      />
      <Segmented name="fps" legend="Frames per second" value={fps} options={FPS} onChange={onFps} />
      <label
        className={cn(
          "flex cursor-pointer items-start gap-3 rounded-lg border p-3 transition-colors",
          preview ? "border-brand-300 bg-brand-50/50" : "border-zinc-200 hover:bg-zinc-50",
        )}
      >
        <input
          type="checkbox"
          name="preview"
          data-testid="option-preview"
          checked={preview}
          onChange={(e) => onPreview(e.target.checked)}
          className="mt-0.5 h-4 w-4 rounded border-zinc-300 accent-brand-600"
        />
        <span>
          <span className="flex items-center gap-1.5 text-sm font-medium text-zinc-900">
            <SparklesIcon size={14} className="text-brand-600" /> Free animatic draft
          </span>
          <span className="mt-0.5 block text-[13px] text-zinc-500">
            A quick, low-fidelity preview of timing, transitions and sound. No credits charged.
          </span>
        </span>
      </label>
      <Field id="render-seed" label="Seed (optional)" error={seedError} hint="Reuse a seed to get the same shots again.">
        <Input
          id="render-seed"
          name="seed"
          inputMode="numeric"
          placeholder="Random"
          value={seed}
          onChange={(e) => onSeed(e.target.value)}
          aria-invalid={seedError ? true : undefined}
          aria-describedby={seedError ? "render-seed-error" : "render-seed-hint"}
        />
      </Field>
    </CardContent>
  </Card>
  );
}
