# syntax=docker/dockerfile:1
# Framecast render worker: the animatic renderer and the stitcher (ffmpeg), serving the RunPod-style
# queue API of scripts/render-worker.ts on RENDER_WORKER_PORT (8390). Node 22, non-root.
#
#   docker build -f infra/docker/worker.Dockerfile -t framecast-worker .
#   docker run --env-file prod.env framecast-worker
#
# Build context: the repository root (see .dockerignore). prod.env: the variables listed in
# infra/README.md (compose.yaml assembles them from infra/.env instead).

# ---- production dependencies only (tsx is one: it runs the TypeScript sources) ----------------
FROM node:22-bookworm-slim AS deps
WORKDIR /app
ENV PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH \
    CI=true
RUN npm install --global pnpm@10.34.9 && npm cache clean --force
COPY package.json pnpm-lock.yaml .npmrc ./
RUN pnpm install --frozen-lockfile --prod

# ---- runtime: ffmpeg and the DejaVu fonts the renderers draw text with (lib/render/fonts.ts) ---
FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    RENDER_WORKER_PORT=8390
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg fonts-dejavu-core tini ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && ffmpeg -hide_banner -filters | grep -q xfade
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json tsconfig.json ./
COPY --chown=node:node lib ./lib
COPY --chown=node:node drizzle ./drizzle
COPY --chown=node:node inngest ./inngest
COPY --chown=node:node scripts ./scripts
# ffmpeg writes its intermediate files under the OS temp dir.
ENV TMPDIR=/tmp
USER node
EXPOSE 8390
# The queue API answers GET /v2/local/health (RunPod's shape) once the worker is listening.
HEALTHCHECK --interval=15s --timeout=3s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.RENDER_WORKER_PORT||8390)+'/v2/local/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node_modules/.bin/tsx", "scripts/render-worker.ts"]
