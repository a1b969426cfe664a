import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app/page-header";
import { UsageSummary } from "@/components/app/usage-summary";
import { formatDate, formatNumber } from "@/components/format";
import {
  ActivityIcon,
  ArrowRightIcon,
  CoinsIcon,
  KeyIcon,
  PlusIcon,
  TerminalIcon,
  UsersIcon,
} from "@/components/icons";
import { RecentJobs } from "@/components/jobs/recent-jobs";
import { requestOrigin, requireUser } from "@/components/session";
import { CodeWindow } from "@/components/site/code-window";
import { TierBadge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/app");
  const origin = await requestOrigin();
  const first = user.name?.trim().split(/\s+/)[0];
  const curl = `curl -H "Authorization: Bearer sk_live_…" \\\n  ${origin}/v1/account`;
  const curlOneLine = `curl -H "Authorization: Bearer sk_live_…" ${origin}/v1/account`;

  return (
    <>
      <PageHeader
        title={first ? `Welcome back, ${first}` : "Welcome to Framecast"}
        description="Your renders, credits and API access at a glance."
        actions={
          <>
            <ButtonLink href="/app/settings#api-keys" variant="secondary">
              <KeyIcon /> Create API key
            </ButtonLink>
            <ButtonLink href="/app/new" data-testid="new-render">
              <PlusIcon size={15} /> New render
            </ButtonLink>
          </>
        }
      />

      <div className="grid gap-4 md:grid-cols-3">
        <Card className="relative overflow-hidden">
          <div
            aria-hidden="true"
            className="pointer-events-none absolute -top-16 -right-16 h-40 w-40 rounded-full bg-brand-400/15 blur-2xl"
          />
          <CardContent className="relative">
            <div className="flex items-center justify-between">
              <p className="flex items-center gap-2 text-sm font-medium text-zinc-600">
                <CoinsIcon size={15} className="text-brand-600" /> Credit balance
              </p>
              <TierBadge tier={user.tier} />
            </div>
            <p className="mt-4 flex items-baseline gap-2">
              <span data-testid="dashboard-credits" className="text-4xl font-semibold tracking-tight tabular-nums text-zinc-950">
                {formatNumber(user.credits)}
              </span>
              <span className="text-sm text-zinc-500">credits</span>
            </p>
            <p className="mt-2 text-[13px] text-zinc-500">
              Renders are estimated before they run and charged exactly the estimate.
            </p>
          </CardContent>
        </Card>

        <Card className="md:col-span-2">
          <CardHeader
            title="This month"
            description="Usage across your account, updated as requests and renders happen."
            action={
              <Link href="/app/settings#usage" className="text-sm font-medium text-brand-600 hover:text-brand-700">
                Details
              </Link>
            }
          />
          <CardContent>
            <UsageSummary />
          </CardContent>
        </Card>
      </div>

      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        <Card className="overflow-hidden lg:col-span-2">
          <CardHeader
            title="Recent renders"
            description="Jobs from the web app and the API, newest first."
            icon={<ActivityIcon size={16} />}
            action={
              <Link href="/app/jobs" className="text-sm font-medium text-brand-600 hover:text-brand-700">
                View all
              </Link>
            }
          />
          <RecentJobs />
        </Card>

        <Card className="flex flex-col">
          <CardHeader
            title="API access"
            description="Call the REST API from scripts, CI or your own product."
            icon={<KeyIcon size={16} />}
          />
          <CardContent className="flex flex-1 flex-col justify-between gap-5">
            <ul className="space-y-2.5 text-sm text-zinc-600">
              <li className="flex gap-2">
                <span className="mt-2 h-1 w-1 shrink-0 rounded-full bg-zinc-400" />
                <span>
                  Keys start with <code className="font-mono text-[13px] text-zinc-900">sk_live_</code> and are shown
                  once.
                </span>
              </li>
              <li className="flex gap-2">
                <span className="mt-2 h-1 w-1 shrink-0 rounded-full bg-zinc-400" />
                <span>Limit a key to the scopes it needs, give it an expiry, revoke it any time.</span>
              </li>
              {user.tier === "starter" ? (
                <li className="flex gap-2">
                  <span className="mt-2 h-1 w-1 shrink-0 rounded-full bg-zinc-400" />
                  <span>
                    Team, project and webhook scopes come with <span className="inline-flex items-center gap-1 font-medium text-zinc-900"><UsersIcon size={13} /> Creator</span>.
                  </span>
                </li>
              ) : null}
            </ul>
            <ButtonLink href="/app/settings#api-keys" variant="secondary" className="w-full">
              Manage API keys <ArrowRightIcon />
            </ButtonLink>
          </CardContent>
        </Card>
      </div>

      <Card className="mt-4">
        <CardHeader
          title="Quick start"
          description={
            <>
              Create a key in <Link href="/app/settings#api-keys" className="font-medium text-brand-600 hover:text-brand-700">Settings</Link>,
              then check it works by fetching your account.
            </>
          }
          icon={<TerminalIcon size={16} />}
        />
        <CardContent className="space-y-3">
          <CodeWindow
            code={curl}
            lang="shell"
            title="Terminal"
            label="Example request to fetch your account"
            actions={<CopyButton value={curlOneLine} variant="ghost" iconOnly className="text-zinc-400 hover:bg-white/10 hover:text-white" />}
          />
          <p className="text-[13px] text-zinc-500">
            Returns your account as JSON — <span className="font-mono text-zinc-700">{user.email}</span>, tier and
            credit balance. Member since {formatDate(user.created_at)}.
          </p>
        </CardContent>
      </Card>
    </>
  );
}
