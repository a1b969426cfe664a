import type { Metadata } from "next";
import { PageHeader } from "@/components/app/page-header";
import { ProjectEditor } from "@/components/projects/project-editor";
import { requireUser } from "@/components/session";
import { assistantEnabled } from "@/lib/assistant/claude";
import { requireVisible } from "../../missing-resource";

export const metadata: Metadata = { title: "Project" };

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/app/projects/${id}`);
  await requireVisible("project", user.id, id);
  return (
    <>
      <PageHeader title="Project" description="Edit the storyboard, save it, and render it for the team." />
      <ProjectEditor projectId={id} tier={user.tier} assistantEnabled={assistantEnabled()} />
    </>
  );
}
