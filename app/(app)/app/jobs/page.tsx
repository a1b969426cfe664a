import type { Metadata } from "next";
import { PageHeader } from "@/components/app/page-header";
import { PlusIcon } from "@/components/icons";
import { JobList } from "@/components/jobs/job-list";
import { JOB_STATUSES, type JobStatus } from "@/components/jobs/types";
import { requireUser } from "@/components/session";
import { ButtonLink } from "@/components/ui/button";

export const metadata: Metadata = { title: "Renders" };

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [, params] = await Promise.all([requireUser("/app/jobs"), searchParams]);
  const raw = typeof params.status === "string" ? params.status : null;
  const status = JOB_STATUSES.includes(raw as JobStatus) ? (raw as JobStatus) : null;

  return (
    <>
      <PageHeader
        title="Renders"
        description="Every video job from the web app and the API, newest first, with live progress."
        actions={
          <ButtonLink href="/app/new" data-testid="new-render">
            <PlusIcon size={15} /> New render
          </ButtonLink>
        }
      />
      <JobList initialStatus={status} />
    </>
  );
}
