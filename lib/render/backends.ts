/** The render backends by name (RENDER_BACKEND picks one; spec part 4 §3). */
import { config } from "@/lib/config";
import { localBackend } from "./local-backend";
import type { BackendName, RenderBackend } from "./types";

const instances = new Map<BackendName, RenderBackend>();

export function renderBackend(name: BackendName = config().RENDER_BACKEND): RenderBackend {
  const existing = instances.get(name);
  if (existing) return existing;
  if (name !== "local") throw new Error(`Render backend "${name}" is not available yet: set RENDER_BACKEND=local.`);
  const backend = localBackend();
  instances.set(name, backend);
  return backend;
}
