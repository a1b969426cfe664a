import type { Metadata } from "next";
import type { ReactNode } from "react";
import {
  ActivityIcon,
  ArrowRightIcon,
  BlendIcon,

  CheckIcon,
  CoinsIcon,
  CpuIcon,
  FilmIcon,
  KeyIcon,
  LayersIcon,
  MusicIcon,
  ShieldCheckIcon,
  SparklesIcon,
  UserIcon,
  UsersIcon,
} from "@/components/icons";
import { currentUserOrNull } from "@/components/session";
import { CodeWindow } from "@/components/site/code-window";
import { SAMPLE_STORYBOARD } from "@/components/site/storyboard-sample";
import { TimelinePreview } from "@/components/site/timeline-preview";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";

export const metadata: Metadata = {
  title: { absolute: "Framecast — storyboards in, video out" },
};

const features: { icon: ReactNode; title: string; body: string; example: string }[] = [
  {
    icon: <FilmIcon />,
    title: "Scenes",
    body: "Each shot is a prompt and a duration of 1–30 seconds. Up to 50 scenes and five minutes per storyboard.",
    example: "duration: 5",
  },
  {
    icon: <UserIcon />,
    title: "Symbols",
    body: "Define a character or prop once — with reference images and a voice — and reuse it as @keeper in any prompt.",
    example: "@keeper",
  },
  {
    icon: <BlendIcon />,
    title: "Transitions",
    body: "Cut, fade, dissolve, wipe, blur, zoom, flash or glitch between any pair of scenes, or build a timeline with flashbacks and montages.",
    example: "storm->dawn: dissolve",
  },
  {
    icon: <MusicIcon />,
    title: "Audio cues",
    body: "Music, ambient beds, timed sound effects and dialogue per scene — from your own uploads or a built-in sound library.",
    example: "asset_music_peaceful",
  },
];

const steps = [
  {
    n: "01",
    title: "Write",
    body: "Draft in the browser editor with completion, hover docs and inline validation — or generate a first draft from a short brief.",
  },
  {
    n: "02",
    title: "Estimate",
    body: "See the exact length and credit cost before anything renders. The charge is the estimate, never more.",
  },
  {
    n: "03",
    title: "Render",
    body: "Renders run as background GPU jobs with live, scene-by-scene progress. Download the video and thumbnail when it's done.",
  },
];

const curlSnippet = `curl -X POST https://framecast.app/v1/generate \\
  -H "Authorization: Bearer sk_live_…" \\
  -H "Idempotency-Key: lighthouse-v1" \\
  -H "Content-Type: application/json" \\
  -d @lighthouse.json`;

const responseSnippet = `{
  "id": "5b0e3c7a-…",
  "status": "queued",
  "owner": "framecast:user:usr_…",
  "credits_charged": 110,
  "progress": {}
}`;

export default async function LandingPage() {
  const user = await currentUserOrNull();
  const primary = user ? { href: "/app", label: "Open the app" } : { href: "/sign-in", label: "Sign in to start" };

  return (
    <>
      {/* Hero */}
      <section className="relative overflow-hidden">
        <div
          aria-hidden="true"
          className="bg-grid pointer-events-none absolute inset-0 [mask-image:radial-gradient(ellipse_70%_60%_at_50%_0%,black,transparent)]"
        />
        <div
          aria-hidden="true"
          className="pointer-events-none absolute -top-40 left-1/2 h-[480px] w-[900px] -translate-x-1/2 rounded-full bg-brand-400/15 blur-3xl"
        />
        <div className="relative mx-auto grid max-w-6xl items-center gap-12 px-5 pt-16 pb-20 sm:px-6 lg:grid-cols-[1.05fr_1fr] lg:gap-14 lg:pt-14 lg:pb-24">
          <div>
            <Badge tone="brand" className="px-2.5 py-1">
              <SparklesIcon size={12} /> Storyboard → video
            </Badge>
            <h1 className="mt-5 text-4xl leading-[1.08] font-semibold tracking-tight text-balance text-zinc-950 sm:text-5xl xl:text-[3.25rem]">
              Write the storyboard.
              <br />
              <span className="bg-linear-to-r from-brand-600 to-brand-400 bg-clip-text text-transparent">
                Framecast renders the film.
              </span>
            </h1>
            <p className="mt-5 max-w-xl text-lg leading-relaxed text-pretty text-zinc-600">
              Describe scenes, recurring characters, transitions and sound in a plain YAML or JSON document. Framecast
              turns it into a finished video on GPU workers — from the browser editor or a single API call.
            </p>
            <div className="mt-8 flex flex-wrap items-center gap-3">
              <ButtonLink href={primary.href} size="lg">
                {primary.label} <ArrowRightIcon />
              </ButtonLink>
              <ButtonLink href="/#storyboards" size="lg" variant="secondary">
                How storyboards work
              </ButtonLink>
            </div>
            <ul className="mt-8 flex flex-wrap gap-x-6 gap-y-2 text-sm text-zinc-500">
              {["YAML or JSON", "REST API with scoped keys", "Pay per rendered second"].map((t) => (
                <li key={t} className="flex items-center gap-1.5">
                  <CheckIcon size={14} className="text-brand-600" /> {t}
                </li>
              ))}
            </ul>
          </div>
          <div className="relative min-w-0 space-y-3">
            <CodeWindow
              code={SAMPLE_STORYBOARD}
              lang="yaml"
              title="lighthouse.yaml"
              lineNumbers
              label="Example storyboard in YAML"
              actions={
                <span className="rounded bg-white/10 px-1.5 py-0.5 font-mono text-[10px] font-medium tracking-wide text-zinc-300">
                  YAML
                </span>
              }
            />
            <div className="relative lg:ml-10 lg:-mr-4">
              <TimelinePreview />
            </div>
          </div>
        </div>
      </section>

      {/* Storyboard language */}
      <section id="storyboards" className="scroll-mt-20 border-t border-zinc-200/70 bg-white">
        <div className="mx-auto max-w-6xl px-5 py-20 sm:px-6 lg:py-24">
          <div className="max-w-2xl">
            <p className="text-sm font-medium text-brand-600">The storyboard language</p>
            <h2 className="mt-2 text-3xl font-semibold tracking-tight text-zinc-950 sm:text-4xl">
              Everything a film needs, in one text file
            </h2>
            <p className="mt-4 text-lg text-zinc-600">
              A storyboard is data: diff it, review it, template it, generate it. One schema drives the editor, the
              validator and the API, so what validates is what renders.
            </p>
          </div>
          <div className="mt-12 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {features.map((f) => (
              <div
                key={f.title}
                className="group flex flex-col rounded-xl border border-zinc-200 bg-zinc-50/50 p-5 transition-colors hover:border-zinc-300 hover:bg-white"
              >
                <div className="flex h-9 w-9 items-center justify-center rounded-lg border border-zinc-200 bg-white text-brand-600 shadow-card">
                  {f.icon}
                </div>
                <h3 className="mt-4 font-semibold text-zinc-950">{f.title}</h3>
                <p className="mt-1.5 flex-1 text-sm leading-relaxed text-zinc-600">{f.body}</p>
                <code className="mt-4 self-start rounded-md border border-zinc-200 bg-white px-2 py-1 font-mono text-xs text-zinc-700">
                  {f.example}
                </code>
              </div>
            ))}
          </div>

          <ol className="mt-16 grid gap-8 border-t border-zinc-100 pt-12 md:grid-cols-3">
            {steps.map((s) => (
              <li key={s.n}>
                <span className="font-mono text-xs font-medium text-brand-600">{s.n}</span>
                <h3 className="mt-2 text-lg font-semibold text-zinc-950">{s.title}</h3>
                <p className="mt-1.5 text-sm leading-relaxed text-zinc-600">{s.body}</p>
              </li>
            ))}
          </ol>
        </div>
      </section>

      {/* API */}
      <section id="api" className="scroll-mt-20 border-t border-zinc-800 bg-zinc-950 text-zinc-100">
        <div className="mx-auto grid max-w-6xl gap-12 px-5 py-20 sm:px-6 lg:grid-cols-[1fr_1.1fr] lg:items-center lg:py-24">
          <div>
            <p className="text-sm font-medium text-brand-300">REST API</p>
            <h2 className="mt-2 text-3xl font-semibold tracking-tight text-white sm:text-4xl">
              One request from storyboard to render job
            </h2>
            <p className="mt-4 text-lg text-zinc-400">
              Everything the app does goes through the same public <span className="font-mono text-zinc-200">/v1</span>{" "}
              API, with the same permissions. Automate renders from CI, a CMS or your own product.
            </p>
            <ul className="mt-8 space-y-4 text-sm">
              {[
                { icon: <KeyIcon />, t: "API keys with scopes", d: "Full access or only what a script needs — generate, jobs, assets. Revoke any time." },
                { icon: <CpuIcon />, t: "Background GPU jobs", d: "Queue renders, stream live progress over server-sent events, cancel or clone." },
                { icon: <ShieldCheckIcon />, t: "Safe to retry", d: "Idempotency keys make a repeated request return the original job, never a second charge." },
                { icon: <ActivityIcon />, t: "Webhooks for teams", d: "Signed delivery of job events to your endpoint, with retries and a delivery log." },
              ].map((i) => (
                <li key={i.t} className="flex gap-3">
                  <span className="mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-md bg-white/5 text-brand-300 ring-1 ring-white/10">
                    {i.icon}
                  </span>
                  <span>
                    <span className="font-medium text-white">{i.t}</span>
                    <span className="block text-zinc-400">{i.d}</span>
                  </span>
                </li>
              ))}
            </ul>
          </div>
          <div className="min-w-0 space-y-3">
            <CodeWindow code={curlSnippet} lang="shell" title="Terminal" label="Example API request" className="border-zinc-800" />
            <CodeWindow
              code={responseSnippet}
              lang="json"
              title="201 Created"
              label="Example API response"
              className="border-zinc-800 lg:ml-12"
            />
          </div>
        </div>
      </section>

      {/* Credits & teams */}
      <section id="pricing" className="scroll-mt-20 border-t border-zinc-200/70">
        <div className="mx-auto max-w-6xl px-5 py-20 sm:px-6 lg:py-24">
          <div className="max-w-2xl">
            <p className="text-sm font-medium text-brand-600">Credits &amp; teams</p>
            <h2 className="mt-2 text-3xl font-semibold tracking-tight text-zinc-950 sm:text-4xl">
              Pay for the seconds you render
            </h2>
            <p className="mt-4 text-lg text-zinc-600">
              Renders are paid in credits, charged by rendered length and resolution. Every render is estimated first,
              and renders that fail on our side are refunded in full.
            </p>
          </div>
          <div className="mt-12 grid gap-4 md:grid-cols-2">
            <PlanCard
              icon={<UserIcon />}
              name="Starter"
              tagline="For working on your own"
              items={[
                "Personal renders, assets and API keys",
                "Full storyboard language and editor",
                "Credits on your own balance",
                "60 API requests per minute",
              ]}
            />
            <PlanCard
              icon={<UsersIcon />}
              name="Creator"
              tagline="For teams that ship video together"
              highlight
              items={[
                "Teams with owner, admin, member and viewer roles",
                "Shared projects, assets and a team credit balance",
                "Webhooks and team-scoped API keys",
                "300 API requests per minute",
              ]}
            />
          </div>
        </div>
      </section>

      {/* CTA */}
      <section className="border-t border-zinc-200/70 bg-white">
        <div className="mx-auto flex max-w-6xl flex-col items-start gap-6 px-5 py-16 sm:px-6 md:flex-row md:items-center md:justify-between">
          <div className="flex items-start gap-4">
            <span className="flex h-11 w-11 shrink-0 items-center justify-center rounded-xl bg-brand-50 text-brand-600 ring-1 ring-brand-100">
              <LayersIcon size={20} />
            </span>
            <div>
              <h2 className="text-2xl font-semibold tracking-tight text-zinc-950">Your first storyboard is a few lines away</h2>
              <p className="mt-1 text-zinc-600">Sign in, create an API key, and render from wherever you write.</p>
            </div>
          </div>
          <div className="flex gap-3">
            <ButtonLink href={primary.href} size="lg">
              {primary.label} <ArrowRightIcon />
            </ButtonLink>
          </div>
        </div>
      </section>
    </>
  );
}

function PlanCard({
  icon,
  name,
  tagline,
  items,
  highlight = false,
}: {
  icon: ReactNode;
  name: string;
  tagline: string;
  items: string[];
  highlight?: boolean;
}) {
  return (
    <div
      className={
        highlight
          ? "relative rounded-2xl border border-brand-200 bg-white p-6 shadow-card ring-4 ring-brand-50 sm:p-8"
          : "relative rounded-2xl border border-zinc-200 bg-white p-6 shadow-card sm:p-8"
      }
    >
      <div className="flex items-center justify-between">
        <div className="flex items-center gap-3">
          <span className="flex h-9 w-9 items-center justify-center rounded-lg border border-zinc-200 bg-zinc-50 text-zinc-700">
            {icon}
          </span>
          <div>
            <h3 className="font-semibold text-zinc-950">{name}</h3>
            <p className="text-sm text-zinc-500">{tagline}</p>
          </div>
        </div>
        {highlight ? <Badge tone="brand">Teams</Badge> : <Badge tone="outline">Default</Badge>}
      </div>
      <ul className="mt-6 space-y-2.5 text-sm text-zinc-700">
        {items.map((i) => (
          <li key={i} className="flex gap-2.5">
            <CheckIcon size={16} className="mt-0.5 shrink-0 text-brand-600" />
            {i}
          </li>
        ))}
      </ul>
      <div className="mt-6 flex items-center gap-2 border-t border-zinc-100 pt-5 text-sm text-zinc-500">
        <CoinsIcon size={15} className="text-zinc-400" />
        {highlight ? "Upgrade any time from your settings." : "Every new account starts here."}
      </div>
    </div>
  );
}

