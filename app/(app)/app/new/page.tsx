import type { Metadata } from "next";
import { PageHeader } from "@/components/app/page-header";
import { ArrowRightIcon } from "@/components/icons";
import { NewRenderForm } from "@/components/jobs/new-render-form";
import { requireUser } from "@/components/session";
import { assistantEnabled } from "@/lib/assistant/claude";
import { ButtonLink } from "@/components/ui/button";
import { userUrn } from "@/lib/urn";
import { WELCOME_SPEC_YAML } from "@/lib/storyboard/welcome";

export const metadata: Metadata = { title: "New render" };

export default async function NewRenderPage() {
  const user = await requireUser("/app/new");
  return (
    <>
      <PageHeader
        title="New render"
        description="Write or upload a storyboard, check the estimate, and turn it into a video."
        actions={
          <ButtonLink href="/app/jobs" variant="secondary">
            All renders <ArrowRightIcon />
          </ButtonLink>
        }
      />
      <NewRenderForm
        initialSource={WELCOME_SPEC_YAML}
        initialFileName="welcome.yaml"
        owner={userUrn(user.id)}
        credits={user.credits}
        tier={user.tier}
        assistantEnabled={assistantEnabled()}
      />
    </>
  );
}
