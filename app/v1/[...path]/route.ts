import { AppError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// Any /v1 path no route matches: a JSON 404 in the error envelope, never an HTML page. It counts
// toward the caller's rate limit (the user's when the credentials are valid) like any other request.
const notFound = route({ auth: "optional", rawBody: true }, async ({ req }) => {
  throw new AppError("NOT_FOUND", `No endpoint ${req.method} ${new URL(req.url).pathname}.`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
