"use client";

import { useCallback, useEffect, useEffectEvent, useState } from "react";
import { getJob } from "./api";
import { applyEvent, mergePreviews, openJobStream, type Connection } from "./live";
import type { Job, JobEvent, ScenePreview } from "./types";

export type Transport = "sse" | "poll";

const POLL_MS = 2000;
const FINAL_FETCH_TRIES = 5;

/**
 * Keeps a job up to date while it runs: through the events stream (`sse`), or by polling
 * GET /v1/jobs/:id every 2 s (`poll`, also the fallback when the stream keeps failing). After the
 * terminal event the job is fetched again for the presigned output URLs and final credits.
 * When the parent passes a different `initial` object (a reload), the state starts over from it.
 */
export function useLiveJob(
  initial: Job,
  { transport = "sse", onTerminal }: { transport?: Transport; onTerminal?: (job: Job) => void } = {},
) {
  const [source, setSource] = useState(initial);
  const [job, setJob] = useState(initial);
  const [previews, setPreviews] = useState<ScenePreview[]>(initial.scene_previews ?? []);
  const [connection, setConnection] = useState<Connection>("idle");
  const [fallback, setFallback] = useState(false);
  /** Set by a terminal stream event: the job must be fetched once more. */
  const [finalFetch, setFinalFetch] = useState(false);

  if (source !== initial) {
    // Adjusting state to a new prop during render (no effect round-trip).
    setSource(initial);
    setJob(initial);
    setPreviews((p) => mergePreviews(p, initial.scene_previews));
  }

  const mode: Transport = transport === "sse" && !fallback ? "sse" : "poll";
  const terminal = job.is_terminal;
  const id = job.id;

  const finished = useEffectEvent((fresh: Job) => onTerminal?.(fresh));
  const accept = useEffectEvent((fresh: Job) => {
    setJob(fresh);
    setPreviews((p) => mergePreviews(p, fresh.scene_previews));
  });

  // Live updates while the job runs.
  useEffect(() => {
    if (terminal) return;
    const ctrl = new AbortController();

    if (mode === "sse") {
      const close = openJobStream(id, {
        onEvent: (evt: JobEvent) => {
          if (ctrl.signal.aborted) return;
          setJob((prev) => applyEvent(prev, evt));
          if (evt.event_type === "scene_complete" && evt.scene_id && evt.preview_url) {
            setPreviews((p) => mergePreviews(p, [{ scene_id: evt.scene_id!, url: evt.preview_url! }]));
          }
          if (evt.event_type === "completed" || evt.event_type === "failed" || evt.event_type === "canceled") {
            setFinalFetch(true);
          }
        },
        onConnection: (c) => {
          if (!ctrl.signal.aborted) setConnection(c);
        },
        onGiveUp: () => {
          if (!ctrl.signal.aborted) setFallback(true);
        },
      });
      return () => {
        ctrl.abort();
        close();
      };
    }

    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const fresh = await getJob(id, ctrl.signal);
        if (ctrl.signal.aborted) return;
        accept(fresh);
        if (fresh.is_terminal) {
          finished(fresh);
          return;
        }
      } catch {
        if (ctrl.signal.aborted) return; // a failed poll just waits for the next one
      }
      timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [id, terminal, mode]);

  // After the terminal event: fetch the finished job (presigned URLs, final credits). The row may
  // lag the event by a moment, so a not-yet-terminal answer is retried rather than shown.
  useEffect(() => {
    if (!finalFetch) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let tries = 0;
    const attempt = async () => {
      tries += 1;
      try {
        const fresh = await getJob(id, ctrl.signal);
        if (ctrl.signal.aborted) return;
        if (fresh.is_terminal || tries >= FINAL_FETCH_TRIES) {
          accept(fresh);
          setFinalFetch(false);
          if (fresh.is_terminal) finished(fresh);
          return;
        }
      } catch {
        if (ctrl.signal.aborted) return;
        if (tries >= FINAL_FETCH_TRIES) {
          setFinalFetch(false);
          return;
        }
      }
      timer = setTimeout(attempt, 1000 * tries);
    };
    void attempt();
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [finalFetch, id]);

  /** For event handlers (e.g. the job a cancel returned). */
  const replace = useCallback((fresh: Job) => {
    setJob(fresh);
    setPreviews((p) => mergePreviews(p, fresh.scene_previews));
  }, []);

  const shown: Connection = terminal ? "idle" : mode === "poll" ? "polling" : connection;
  return { job, replace, previews, connection: shown, refreshing: finalFetch };
}
