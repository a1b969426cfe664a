/** Shown over the storyboard editor while a file is dragged onto it. */
export function DropOverlay() {
  return (
    <div className="pointer-events-none absolute inset-0 flex items-center justify-center rounded-lg border-2 border-dashed border-brand-400 bg-brand-950/70 text-sm font-medium text-white">
      Drop a .yaml, .yml or .json file to load it
    </div>
  );
}
