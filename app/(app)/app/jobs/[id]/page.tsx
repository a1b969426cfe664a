import type { Metadata } from "next";
import { JobDetail } from "@/components/jobs/job-detail";
import { shortId } from "@/components/jobs/status";
import { requireUser } from "@/components/session";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Render ${shortId(id)}` };
}

/** The job is loaded in the browser through GET /v1/jobs/:id, then kept live over its events stream. */
export default async function JobPage({ params }: Props) {
  const { id } = await params;
  await requireUser(`/app/jobs/${id}`);
  return <JobDetail id={id} />;
}
