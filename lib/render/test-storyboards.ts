/** fast-check generators of storyboards for the render tests. */
import fc from "fast-check";
import type { PlaybackPlan } from "@/lib/storyboard/playback";
import { TRANSITION_TYPES, type Storyboard, type TimelineElement, type TransitionRef } from "@/lib/storyboard/schema";

const tenths = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((n) => n / 10);

const transitionArb: fc.Arbitrary<TransitionRef> = fc.oneof(
  fc.constantFrom("cut", "fade", "dissolve", "wipe", "zoom", "flash", "glitch", "blur"),
  fc.record({ type: fc.constantFrom(...TRANSITION_TYPES), duration: fc.option(tenths(0, 3), { nil: undefined }) }, { requiredKeys: ["type"] }),
);

/** Random storyboards over scenes s0…s(n-1): any timeline of scenes, transitions, flashbacks and montages. */
export function storyboardArb(opts: { scenes?: number; maxSeconds?: number; maxElements?: number } = {}): fc.Arbitrary<Storyboard> {
  return fc.integer({ min: 1, max: opts.scenes ?? 5 }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `s${i}`);
    const id = fc.constantFrom(...ids);
    const montage = fc.record(
      { scenes: fc.array(id, { minLength: 1, maxLength: 4 }), pace: fc.constantFrom("slow", "medium", "fast"), transition: transitionArb },
      { requiredKeys: ["scenes"] },
    );
    const element: fc.Arbitrary<TimelineElement> = fc.oneof(
      id.map((scene) => ({ scene })),
      transitionArb.map((transition) => ({ transition })),
      fc.array(id, { minLength: 1, maxLength: 3 }).map((scenes) => ({ flashback: { scenes, treatment: { desaturate: 1 } } })),
      montage.map((m) => ({ montage: m })),
    );
    return fc.record({
      title: fc.constant("t"),
      scenes: fc.tuple(...ids.map((sid) => tenths(1, opts.maxSeconds ?? 12).map((duration) => ({ id: sid, prompt: sid, duration })))),
      transitions: fc.option(transitionArb.map((t) => ({ default: t })), { nil: undefined }),
      timeline: fc.option(fc.array(element, { maxLength: opts.maxElements ?? 12 }), { nil: null }),
    });
  });
}

/** No transition is longer than a clip it joins: the frame timeline can follow the plan exactly. */
export function feasible(plan: PlaybackPlan): boolean {
  return plan.junctions.every((j) => j.transition.duration <= Math.min(plan.clips[j.index - 1]!.duration, plan.clips[j.index]!.duration));
}

