import type { NextConfig } from "next";
import { API_CSP, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const staticHeaders = Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));
const apiHeaders = [{ key: "Content-Security-Policy", value: API_CSP }];

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  serverExternalPackages: ["pino", "postgres", "ws", "@electric-sql/pglite", "@electric-sql/pglite-socket", "s3rver"],
  typedRoutes: false,
  // `next start` would load every page and route module before it serves (seconds on this 2-core
  // machine); each now loads on its first request instead (issue 13: start → first 200).
  experimental: { preloadEntriesOnStart: false },
  // Pages get their nonce CSP (and every response HSTS over https) from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: staticHeaders },
      { source: "/v1/:path*", headers: apiHeaders },
      { source: "/api/:path*", headers: apiHeaders },
    ];
  },
};

export default nextConfig;
