/**
 * Projects (spec part 1 §3–4, part 2 §3): a team's storyboards that render into non-ephemeral
 * jobs. Status follows the state machine — draft →(render) rendering →(job completed) completed or
 * →(failed/canceled) draft; draft or completed →(archive) archived →(unarchive) draft — the render
 * transitions happen in the job service. The spec may be invalid while it is being edited.
 */
import { and, desc, eq, ne } from "drizzle-orm";
import { jobs, projects } from "@/drizzle/schema";
import type { Principal } from "@/lib/auth/principal";
import type { Db, DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { afterCursor, decodeCursor, page } from "@/lib/http/pagination";
import { createJob } from "@/lib/jobs/create";
import { toJobResponse } from "@/lib/jobs/schemas";
import type { RenderOptions } from "@/lib/storyboard/schema";
import { detectFormat, parseStoryboardSource, type SourceFormat } from "@/lib/storyboard/parse";
import { publicResult, validateSpecInput } from "@/lib/storyboard/service";
import { teamForCaller } from "@/lib/teams/access";
import type { Role } from "@/lib/teams/schemas";
import { teamUrn } from "@/lib/urn";
import { toProjectResponse, type ProjectRow } from "./schemas";

const OAM: Role[] = ["owner", "admin", "member"];
const OA: Role[] = ["owner", "admin"];

/** The project if the caller is in its team (a team key: its own team only); else 404. */
async function projectForCaller(db: DbOrTx, principal: Principal, id: string, roles?: Role[], lock = false): Promise<ProjectRow> {
  const query = db.select().from(projects).where(eq(projects.id, id));
  const [project] = lock ? await query.for("update") : await query;
  if (!project) throw AppError.notFound("Project");
  await teamForCaller(db, principal, project.teamId, roles, { notFound: "Project" });
  return project;
}

export async function listProjects(db: Db, principal: Principal, teamId: string, q: { limit: number; cursor?: string; status?: ProjectRow["status"]; include_archived?: boolean }) {
  await teamForCaller(db, principal, teamId);
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(projects)
    .where(
      and(
        eq(projects.teamId, teamId),
        q.status ? eq(projects.status, q.status) : q.include_archived ? undefined : ne(projects.status, "archived"),
        afterCursor(cursor, projects.createdAt, projects.id),
      ),
    )
    .orderBy(desc(projects.createdAt), desc(projects.id))
    .limit(q.limit + 1);
  return page(rows, q.limit, (r) => toProjectResponse(r));
}

export async function createProject(db: Db, principal: Principal, teamId: string, input: { name: string; spec?: Record<string, unknown> }) {
  await teamForCaller(db, principal, teamId, OAM);
  const [row] = await db.insert(projects).values({ teamId, createdBy: principal.user.id, name: input.name, spec: input.spec ?? null }).returning();
  return toProjectResponse(row!, { withSpec: true });
}

/** The project with its spec and its latest job (null before the first render). */
export async function getProject(db: Db, principal: Principal, id: string) {
  const project = await projectForCaller(db, principal, id);
  const [latest] = await db.select().from(jobs).where(eq(jobs.projectId, id)).orderBy(desc(jobs.createdAt)).limit(1);
  return { ...toProjectResponse(project, { withSpec: true }), latest_job: latest ? toJobResponse(latest) : null };
}

export async function renameProject(db: Db, principal: Principal, id: string, name: string) {
  return db.transaction(async (tx) => {
    const project = await projectForCaller(tx, principal, id, OAM, true);
    if (project.status === "rendering") throw new AppError("INVALID_STATE", "The project is rendering; rename it when the render ends.");
    const [row] = await tx.update(projects).set({ name }).where(eq(projects.id, id)).returning();
    return toProjectResponse(row!, { withSpec: true });
  });
}

/** PUT …/spec: a JSON object, or YAML/JSON text. Stored even when invalid; the answer says how it validates. */
export async function replaceSpec(db: Db, principal: Principal, id: string, body: { text: string; format: SourceFormat | null }) {
  const format = body.format ?? detectFormat(body.text);
  const parsed = parseStoryboardSource(body.text, format);
  if (!parsed.ok) throw AppError.validation([parsed.error], "The storyboard could not be read.");
  const value = parsed.source.value;
  if (!value || typeof value !== "object" || Array.isArray(value)) throw AppError.validation([{ path: "(document)", message: "The storyboard must be an object." }]);
  const saved = await db.transaction(async (tx) => {
    const project = await projectForCaller(tx, principal, id, OAM, true);
    if (project.status !== "draft" && project.status !== "completed") throw new AppError("INVALID_STATE", `The project is ${project.status}; its storyboard can change when it is a draft or completed.`);
    const [row] = await tx.update(projects).set({ spec: value, specSource: body.text, specFormat: format }).where(eq(projects.id, id)).returning();
    return row!;
  });
  const validation = await validateSpecInput(db, principal, value as Record<string, unknown>);
  return { ...toProjectResponse(saved, { withSpec: true }), validation: publicResult(validation) };
}

async function move(db: Db, principal: Principal, id: string, from: ProjectRow["status"][], to: ProjectRow["status"], verb: string) {
  return db.transaction(async (tx) => {
    const project = await projectForCaller(tx, principal, id, OA, true);
    if (!from.includes(project.status)) throw new AppError("INVALID_STATE", `A ${project.status} project can't be ${verb}.`);
    const [row] = await tx.update(projects).set({ status: to }).where(eq(projects.id, id)).returning();
    return toProjectResponse(row!, { withSpec: true });
  });
}

export const archiveProject = (db: Db, principal: Principal, id: string) => move(db, principal, id, ["draft", "completed"], "archived", "archived");
export const unarchiveProject = (db: Db, principal: Principal, id: string) => move(db, principal, id, ["archived"], "draft", "unarchived");

export async function deleteProject(db: Db, principal: Principal, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const project = await projectForCaller(tx, principal, id, OA, true);
    if (project.status === "rendering") throw new AppError("INVALID_STATE", "The project is rendering; cancel the render first.");
    await tx.delete(projects).where(eq(projects.id, id));
  });
}

/** POST …/render: the project's storyboard as a team job (J11), one at a time (J12). */
export async function renderProject(db: Db, principal: Principal, id: string, input: { options?: RenderOptions; idempotencyKey: string | null }) {
  const project = await projectForCaller(db, principal, id, OAM);
  if (!project.spec) throw AppError.validation([{ path: "spec", message: "The project has no storyboard yet: save one first." }]);
  return createJob(db, principal, {
    spec: project.spec as Record<string, unknown>,
    owner: teamUrn(project.teamId),
    options: input.options,
    projectId: project.id,
    idempotencyKey: input.idempotencyKey,
  });
}
