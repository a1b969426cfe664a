import { createHash } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { config, serverSecret } from "@/lib/config";

/**
 * Render backends call back to `/api/render/callback?token=…`. RunPod does not sign its webhooks,
 * so the URL carries our own signed token naming the job and scene; the route also checks the
 * request id against render_requests.
 */
function key(): Uint8Array {
  const own = config().RENDER_CALLBACK_SECRET;
  return new TextEncoder().encode(own ?? createHash("sha256").update(`render-callback:${serverSecret()}`).digest("hex"));
}

export async function signCallbackToken(jobId: string, sceneId: string): Promise<string> {
  return new SignJWT({ j: jobId, s: sceneId })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("2d")
    .setAudience("render-callback")
    .sign(key());
}

export async function verifyCallbackToken(token: string): Promise<{ jobId: string; sceneId: string } | null> {
  try {
    const { payload } = await jwtVerify(token, key(), { audience: "render-callback", algorithms: ["HS256"] });
    if (typeof payload.j !== "string" || typeof payload.s !== "string") return null;
    return { jobId: payload.j, sceneId: payload.s };
  } catch {
    return null;
  }
}

export async function callbackUrl(jobId: string, sceneId: string): Promise<string> {
  return `${config().APP_URL.replace(/\/$/, "")}/api/render/callback?token=${await signCallbackToken(jobId, sceneId)}`;
}
