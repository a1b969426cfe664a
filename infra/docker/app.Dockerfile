# syntax=docker/dockerfile:1
# Framecast app: Next.js standalone server on Node 22, non-root, with a `migrate` command.
#
#   docker build -f infra/docker/app.Dockerfile -t framecast-app .
#   docker run --rm --env-file prod.env framecast-app migrate     # apply migrations (DIRECT_DATABASE_URL)
#   docker run -p 3000:3000 --env-file prod.env framecast-app     # serve on :3000
#
# Build context: the repository root (see .dockerignore). prod.env: the variables listed in
# infra/README.md (compose.yaml assembles them from infra/.env instead).

# ---- dependencies: the lockfile decides, nothing is resolved again ----------------------------
FROM node:22-bookworm-slim AS deps
WORKDIR /app
ENV PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH \
    CI=true
RUN npm install --global pnpm@10.34.9 && npm cache clean --force
COPY package.json pnpm-lock.yaml .npmrc ./
RUN pnpm install --frozen-lockfile

# ---- build: next build (output: "standalone") and the bundled migrate command -----------------
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 \
    NODE_ENV=production
RUN node_modules/.bin/next build \
 && node_modules/.bin/esbuild infra/docker/migrate.ts --bundle --platform=node --format=esm --target=node22 \
      --tsconfig=tsconfig.json --outfile=/app/dist/migrate.mjs --log-level=warning \
      "--banner:js=import{createRequire}from'module';const require=createRequire(import.meta.url);"

# ---- runtime: only the traced server, static files, migrations -------------------------------
FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# The standalone server and its traced node_modules; the static assets and public/ are not part
# of the trace and are copied next to it, as the Next.js docs describe.
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/public ./public
COPY --from=build --chown=node:node /app/drizzle/migrations ./drizzle/migrations
COPY --from=build --chown=node:node /app/dist/migrate.mjs ./migrate.mjs
COPY --chown=node:node infra/docker/app-entrypoint.sh /usr/local/bin/framecast
RUN chmod 0755 /usr/local/bin/framecast
# The node user (uid 1000) from the base image. Docker waits for the first /livez during its
# default start period; compose and orchestrators add their own start_period.
USER node
EXPOSE 3000
# /livez answers 200 while the process runs (no dependencies); /readyz is for the load balancer.
HEALTHCHECK --interval=15s --timeout=3s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/framecast"]
CMD ["serve"]
