/** A client of GET /v1/jobs/:id/events: reads server-sent events until `until` accepts one (or the stream ends). */
export interface SseEvent {
  id: string;
  event: string;
  data: unknown;
}

export async function readEvents(url: string, key: string, until: (e: SseEvent) => boolean, lastEventId?: string): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  let resumeFrom = lastEventId;
  // The stream may close (30-minute limit, a restarting app): resume from the last event seen.
  for (let attempt = 0; attempt < 20; attempt++) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${key}`, accept: "text/event-stream", ...(resumeFrom ? { "last-event-id": resumeFrom } : {}) } }).catch(() => null);
    if (res && res.status === 204) return events;
    if (res && !res.ok) throw new Error(`events: HTTP ${res.status} ${await res.text()}`);
    if (res?.body) {
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) break;
        buf += value;
        let cut: number;
        while ((cut = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const e: SseEvent = { id: "", event: "message", data: null };
          let data = "";
          for (const line of block.split("\n")) {
            if (line.startsWith("id: ")) e.id = line.slice(4);
            else if (line.startsWith("event: ")) e.event = line.slice(7);
            else if (line.startsWith("data: ")) data += line.slice(6);
          }
          if (!data) continue;
          e.data = JSON.parse(data) as unknown;
          events.push(e);
          resumeFrom = e.id || resumeFrom;
          if (until(e)) {
            await reader.cancel().catch(() => undefined);
            return events;
          }
        }
      }
    }
    await new Promise((r) => setTimeout(r, 2000)); // the server's own `retry: 2000`
  }
  throw new Error(`the event stream kept closing before the awaited event (${events.length} events seen)`);
}
