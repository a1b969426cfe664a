import type { Metadata } from "next";
import { PageHeader } from "@/components/app/page-header";
import { UsagePanel } from "@/components/app/usage-summary";
import { ActivityIcon, CoinsIcon, KeyIcon, UserIcon } from "@/components/icons";
import { requireUser } from "@/components/session";
import { ApiKeys } from "@/components/settings/api-keys";
import { CreditsSection } from "@/components/credits/settings-section";
import { ProfileForm } from "@/components/settings/profile-form";
import { Card, CardContent, CardHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Settings" };

const sections = [
  { id: "profile", label: "Profile", icon: UserIcon },
  { id: "api-keys", label: "API keys", icon: KeyIcon },
  { id: "usage", label: "Usage", icon: ActivityIcon },
  { id: "credits", label: "Credits", icon: CoinsIcon },
];

export default async function SettingsPage() {
  const user = await requireUser("/app/settings");

  return (
    <>
      <PageHeader title="Settings" description="Manage your profile, API keys and usage." />
      <div className="grid gap-8 lg:grid-cols-[180px_1fr]">
        <nav aria-label="Settings sections" className="lg:sticky lg:top-32 lg:self-start">
          <ul className="scrollbar-none flex gap-1 overflow-x-auto lg:flex-col">
            {sections.map(({ id, label, icon: Icon }) => (
              <li key={id}>
                <a
                  href={`#${id}`}
                  className="flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm whitespace-nowrap text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-950"
                >
                  <Icon size={15} className="text-zinc-400" />
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <div className="min-w-0 space-y-6">
          <section id="profile" aria-labelledby="profile-title" className="scroll-mt-32">
            <Card>
              <CardHeader titleId="profile-title" title="Profile" description="How you appear in Framecast." />
              <ProfileForm user={user} />
            </Card>
          </section>

          <section id="api-keys" aria-labelledby="api-keys-title" className="scroll-mt-32">
            <Card className="overflow-hidden">
              <ApiKeys tier={user.tier} />
            </Card>
          </section>

          <section id="usage" aria-labelledby="usage-title" className="scroll-mt-32">
            <Card>
              <CardHeader
                titleId="usage-title"
                title="Usage"
                description={
                  user.tier === "creator"
                    ? "API calls, renders and credits for your account and the teams you belong to."
                    : "API calls, renders and credits for your account."
                }
              />
              <CardContent>
                <UsagePanel />
              </CardContent>
            </Card>
          </section>
          <CreditsSection />
        </div>
      </div>
    </>
  );
}
