import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["pino", "postgres", "ws", "@electric-sql/pglite", "@electric-sql/pglite-socket", "s3rver"],
  typedRoutes: false,
};

export default nextConfig;
