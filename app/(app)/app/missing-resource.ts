import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { jobVisibleToUser } from "@/lib/jobs/access";
import { projectVisibleToUser } from "@/lib/projects/visible";

const PAGES: { pattern: RegExp; visible: (userId: string, id: string) => Promise<boolean> }[] = [
  { pattern: /^\/app\/jobs\/([^/]+)\/?$/, visible: (userId, id) => jobVisibleToUser(db(), userId, id) },
  { pattern: /^\/app\/projects\/([^/]+)\/?$/, visible: (userId, id) => projectVisibleToUser(db(), userId, id) },
];

/** notFound() when `id` names no job / project the user can see (pages call it for in-app navigation). */
export async function requireVisible(kind: "job" | "project", userId: string, id: string): Promise<void> {
  const page = PAGES[kind === "job" ? 0 : 1]!;
  if (!(await page.visible(userId, id))) notFound();
}

/**
 * For the /app layout: a request for a job or project page that does not exist (or is not the
 * user's to see) answers 404 with the not-found page. It must happen here, above the section's
 * loading.tsx: once that boundary's skeleton has streamed, the status is already 200 and a page's
 * own notFound() can only swap the content. Uses the x-pathname header the proxy sets.
 */
export async function notFoundForMissingResource(userId: string): Promise<void> {
  const path = (await headers()).get("x-pathname") ?? "";
  for (const page of PAGES) {
    const id = page.pattern.exec(path)?.[1];
    if (id !== undefined && !(await page.visible(userId, decodeURIComponent(id)))) notFound();
  }
}
