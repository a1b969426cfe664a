/** The render backends by name (RENDER_BACKEND picks one; spec part 4 §3). */
import { localBackend } from "./local-backend";
import { runpodBackend } from "./runpod-backend";
import type { BackendName, RenderBackend } from "./types";
import { config } from "@/lib/config";

const instances = new Map<BackendName, RenderBackend>();

export function renderBackend(name: BackendName = config().RENDER_BACKEND): RenderBackend {
  let backend = instances.get(name);
  if (!backend) {
    backend = name === "runpod" ? runpodBackend() : localBackend();
    instances.set(name, backend);
  }
  return backend;
}
