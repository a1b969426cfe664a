/** Settings every integration test runs with (the secret is a test-only value). */
export const TEST_JWT_SECRET = "framecast-test-secret-0123456789abcdef0123456789abcdef";

export const TEST_ENV: Record<string, string> = {
  NODE_ENV: "test",
  SUPABASE_JWT_SECRET: TEST_JWT_SECRET,
  SIGNUP_CREDITS: "100",
  APP_URL: "http://localhost:3000",
  LOG_LEVEL: "silent",
  // Nothing listens here: outbox sends fail fast and stay pending (the render tests start a runner).
  INNGEST_BASE_URL: "http://127.0.0.1:9",
  // Node 20 here: the AWS SDK's known "Node 22 from 2027" notice would repeat in every worker.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};
