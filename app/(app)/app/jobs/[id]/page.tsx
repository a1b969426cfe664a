import type { Metadata } from "next";
import { JobDetail } from "@/components/jobs/job-detail";
import { shortId } from "@/components/jobs/status";
import { requireUser } from "@/components/session";
import { config } from "@/lib/config";
import { requireVisible } from "../../missing-resource";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Render ${shortId(id)}` };
}

/** The job is loaded in the browser through GET /v1/jobs/:id, then kept live over its events stream. */
export default async function JobPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/app/jobs/${id}`);
  await requireVisible("job", user.id, id);
  return (
    <>
      {config().localRenderInProduction && (
        <p role="note" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This server renders with the local animatic worker (ALLOW_LOCAL_RENDER): videos are previews, not GPU renders.
        </p>
      )}
      <JobDetail id={id} />
    </>
  );
}
