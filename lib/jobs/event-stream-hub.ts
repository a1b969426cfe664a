/**
 * The in-process fan-out behind GET /v1/jobs/:id/events. Streams do not hold a database
 * connection: they subscribe here, and while anyone is subscribed one timer runs ONE query for
 * all subscribed jobs (each from the lowest sequence its subscribers have), then hands every
 * subscriber its new events in sequence order, each sequence once. Polls never overlap.
 *
 * On PostgreSQL a NOTIFY per new event (lib/jobs/event-wake.ts) calls `wake`, which runs the poll
 * at once; the timer stays as the safety net, and is all there is on the embedded PGlite (no LISTEN).
 * Each process polls for its own subscribers, so the API stays stateless across processes.
 */
import { log } from "@/lib/log";
import type { StoredJobEvent } from "./sse";

/** New events of the given jobs: for each job id, those with sequence > its cursor. */
export type FetchEventsAfter = (cursors: ReadonlyMap<string, number>) => Promise<StoredJobEvent[]>;

export interface HubTiming {
  /** Between the end of one poll and the start of the next. */
  pollMs: number;
  /** How long a gap in sequences may hold delivery back before it is skipped (never expected). */
  gapGraceMs: number;
}

export interface Subscriber {
  readonly jobId: string;
  /** The highest sequence this subscriber has received. */
  lastSequence: number;
  /** When a gap (sequence > lastSequence + 1) was first seen, while it lasts. */
  gapSince: number | null;
  readonly onEvents: (events: StoredJobEvent[]) => void;
}

export interface HubStats {
  subscribers: number;
  jobs: number;
  /** Queries issued so far (one per poll, whatever the number of subscribers). */
  polls: number;
  failedPolls: number;
  polling: boolean;
}

/**
 * The events `sub` may take from `events` (sorted by sequence), in order: none it already has,
 * and none past a gap, until the gap has lasted `gapGraceMs`. Advances `sub.lastSequence`.
 */
export function takeInOrder(sub: Subscriber, events: readonly StoredJobEvent[], now: number, gapGraceMs: number): StoredJobEvent[] {
  const out: StoredJobEvent[] = [];
  for (const e of events) {
    if (e.sequence <= sub.lastSequence) continue;
    if (e.sequence !== sub.lastSequence + 1) {
      sub.gapSince ??= now;
      if (now - sub.gapSince < gapGraceMs) break;
      log.warn({ job_id: sub.jobId, after: sub.lastSequence, next: e.sequence }, "job events: skipping a sequence gap");
    }
    out.push(e);
    sub.lastSequence = e.sequence;
    sub.gapSince = null;
  }
  return out;
}

export class JobEventHub {
  private readonly jobs = new Map<string, Set<Subscriber>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private polls = 0;
  private failedPolls = 0;
  private failuresInARow = 0;
  /** A wake arrived during a poll: poll again as soon as it ends. */
  private wokenDuringPoll = false;

  constructor(
    private readonly fetchAfter: FetchEventsAfter,
    private readonly timing: () => HubTiming,
  ) {}

  /** Delivers events of `jobId` with sequence > `afterSequence`; returns the unsubscribe function. */
  subscribe(jobId: string, afterSequence: number, onEvents: (events: StoredJobEvent[]) => void): () => void {
    const sub: Subscriber = { jobId, lastSequence: afterSequence, gapSince: null, onEvents };
    let set = this.jobs.get(jobId);
    if (!set) this.jobs.set(jobId, (set = new Set()));
    set.add(sub);
    this.schedule();
    return () => this.remove(sub);
  }

  stats(): HubStats {
    let subscribers = 0;
    for (const set of this.jobs.values()) subscribers += set.size;
    return {
      subscribers,
      jobs: this.jobs.size,
      polls: this.polls,
      failedPolls: this.failedPolls,
      polling: this.timer !== null || this.inFlight,
    };
  }

  /**
   * New events may exist for `jobId` (every job when omitted): poll now instead of at the timer. A
   * wake during a poll runs one more poll right after it (the running one may have missed the row).
   */
  wake(jobId?: string): void {
    if (this.jobs.size === 0 || (jobId !== undefined && !this.jobs.has(jobId))) return;
    if (this.inFlight) {
      this.wokenDuringPoll = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.poll();
  }

  private remove(sub: Subscriber) {
    const set = this.jobs.get(sub.jobId);
    if (!set?.delete(sub)) return;
    if (set.size === 0) this.jobs.delete(sub.jobId);
    if (this.jobs.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private schedule() {
    if (this.timer || this.inFlight || this.jobs.size === 0) return;
    const delay = this.wokenDuringPoll ? 0 : this.timing().pollMs;
    this.wokenDuringPoll = false;
    this.timer = setTimeout(() => void this.poll(), delay);
    this.timer.unref?.();
  }

  private async poll() {
    this.timer = null;
    if (this.jobs.size === 0) return;
    this.inFlight = true;
    try {
      const cursors = new Map<string, number>();
      for (const [jobId, set] of this.jobs) {
        let min = Infinity;
        for (const s of set) min = Math.min(min, s.lastSequence);
        cursors.set(jobId, min);
      }
      this.polls++;
      const events = await this.fetchAfter(cursors);
      if (this.failuresInARow > 0) log.info({ failures: this.failuresInARow }, "job events: polling recovered");
      this.failuresInARow = 0;
      this.dispatch(events);
    } catch (err) {
      this.failedPolls++;
      this.failuresInARow++;
      // Once, then about every 10 s while the database stays unreachable.
      if (this.failuresInARow === 1 || this.failuresInARow % 20 === 0) {
        log.error({ err, failures: this.failuresInARow }, "job events: poll failed; retrying");
      }
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }

  private dispatch(events: StoredJobEvent[]) {
    const byJob = new Map<string, StoredJobEvent[]>();
    for (const e of events) {
      const list = byJob.get(e.jobId);
      if (list) list.push(e);
      else byJob.set(e.jobId, [e]);
    }
    const now = Date.now();
    const { gapGraceMs } = this.timing();
    for (const [jobId, list] of byJob) {
      list.sort((a, b) => a.sequence - b.sequence);
      // A copy: subscribers unsubscribe from inside onEvents (after a terminal event).
      for (const sub of [...(this.jobs.get(jobId) ?? [])]) {
        const batch = takeInOrder(sub, list, now, gapGraceMs);
        if (batch.length === 0) continue;
        try {
          sub.onEvents(batch);
        } catch (err) {
          log.error({ err, job_id: jobId }, "job events: a subscriber failed");
        }
      }
    }
  }
}
