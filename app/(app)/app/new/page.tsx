import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { stringify } from "yaml";
import { PageHeader } from "@/components/app/page-header";
import { ArrowRightIcon } from "@/components/icons";
import { NewRenderForm } from "@/components/jobs/new-render-form";
import type { RenderOptions } from "@/components/jobs/types";
import { requireUser } from "@/components/session";
import { assistantEnabled } from "@/lib/assistant/claude";
import { ButtonLink } from "@/components/ui/button";
import { db } from "@/lib/db/client";
import { visibleJobForUser } from "@/lib/jobs/access";
import { orderStoryboardKeys } from "@/lib/storyboard/key-order";
import { userUrn } from "@/lib/urn";
import { WELCOME_SPEC_YAML } from "@/lib/storyboard/welcome";

export const metadata: Metadata = { title: "New render" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?from=<job id>`: a past render's storyboard and options, to edit and render again (under the same owner). */
async function startingPoint(userId: string, from: string | undefined) {
  if (!from) return null;
  const job = await visibleJobForUser(db(), userId, from);
  if (!job) notFound();
  const spec = job.specSnapshot as Record<string, unknown>;
  const title = typeof spec.title === "string" ? spec.title : "storyboard";
  return {
    source: stringify(orderStoryboardKeys(spec), { lineWidth: 0 }),
    fileName: `${title.replace(/[\\/]+/g, " ").slice(0, 80)}.yaml`,
    owner: job.owner,
    options: job.options as RenderOptions,
    jobId: job.id,
  };
}

export default async function NewRenderPage({ searchParams }: Props) {
  const [user, params] = await Promise.all([requireUser("/app/new"), searchParams]);
  const from = await startingPoint(user.id, typeof params.from === "string" ? params.from : undefined);
  return (
    <>
      <PageHeader
        title="New render"
        description={
          from
            ? "The storyboard of a past render: change what you like, check the estimate, and render it again."
            : "Write or upload a storyboard, check the estimate, and turn it into a video."
        }
        actions={
          <ButtonLink href={from ? `/app/jobs/${from.jobId}` : "/app/jobs"} variant="secondary">
            {from ? "Back to the render" : "All renders"} <ArrowRightIcon />
          </ButtonLink>
        }
      />
      <NewRenderForm
        key={from?.jobId ?? "new"}
        initialSource={from?.source ?? WELCOME_SPEC_YAML}
        initialFileName={from?.fileName ?? "welcome.yaml"}
        owner={from?.owner ?? userUrn(user.id)}
        credits={user.credits}
        tier={user.tier}
        assistantEnabled={assistantEnabled()}
        initialOptions={from?.options}
      />
    </>
  );
}
