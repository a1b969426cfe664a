import { ApiError, errorMessage } from "@/components/api-client";
import type { StoryboardIssue } from "./types";

export interface SubmitError {
  title: string;
  message: string;
  action?: { href: string; label: string };
}

/** Storyboard issues from a 422 go next to the editor; anything else (e.g. options) to the alert. */
function splitIssues(err: ApiError): { storyboard: StoryboardIssue[]; other: string[] } {
  const raw = err.details?.errors;
  const list = Array.isArray(raw) ? (raw as StoryboardIssue[]) : [];
  const storyboard: StoryboardIssue[] = [];
  const other: string[] = [];
  for (const issue of list) {
    if (typeof issue?.message !== "string") continue;
    const path = issue.path ?? "";
    if (/^(body\.)?(options|owner|idempotency_key)\b/.test(path)) other.push(`${path.replace(/^body\./, "")}: ${issue.message}`);
    else storyboard.push({ ...issue, path: path.replace(/^(body\.)?spec\.?/, "") || "(document)" });
  }
  return { storyboard, other };
}

/** What to tell the user when POST /v1/generate fails (from the API's error envelope). */
export function describeSubmitError(err: unknown): { error: SubmitError; storyboardIssues: StoryboardIssue[] } {
  const none: StoryboardIssue[] = [];
  if (!(err instanceof ApiError)) return { error: { title: "Couldn't start the render", message: errorMessage(err) }, storyboardIssues: none };
  switch (err.code) {
    case "VALIDATION_ERROR": {
      const { storyboard, other } = splitIssues(err);
      return {
        storyboardIssues: storyboard,
        error: {
          title: "The storyboard can't be rendered",
          message: other.length ? other.join(" ") : storyboard.length ? "Fix the errors listed under the editor." : err.message,
        },
      };
    }
    case "INSUFFICIENT_CREDITS":
      return {
        error: { title: "Not enough credits", message: err.message, action: { href: "/app/settings#usage", label: "See usage" } },
        storyboardIssues: none,
      };
    case "CONCURRENCY_LIMIT_EXCEEDED":
      return {
        error: {
          title: "A render is already running",
          message: `${err.message} Wait for it to finish or cancel it, then try again.`,
          action: { href: "/app/jobs", label: "View renders" },
        },
        storyboardIssues: none,
      };
    case "RATE_LIMIT_EXCEEDED":
      return { error: { title: "Too many requests", message: err.message }, storyboardIssues: none };
    default:
      return { error: { title: "Couldn't start the render", message: errorMessage(err) }, storyboardIssues: none };
  }
}
