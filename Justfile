# Framecast tasks. `pnpm just --list` shows them all.
set dotenv-load := false
set positional-arguments := true

export PATH := justfile_directory() + "/node_modules/.bin:" + env_var('PATH')

default:
    @just --list

# Install system tools (ffmpeg, chromium), pnpm and the packages
setup:
    bash scripts/setup.sh

# Run the app on the embedded stack (PGlite + local S3) at http://localhost:${PORT:-3000}
dev:
    tsx scripts/dev.ts dev

# Production build
build:
    next build

# Run the production build on the same stack as `dev` (the README way)
start:
    tsx scripts/dev.ts start

# Lint and typecheck
check:
    eslint .
    tsc --noEmit

# Every test: unit, integration (TEST_DATABASE_URL / DATABASE_URL, else embedded PostgreSQL), build, browser
test: test-unit test-integration build test-e2e

# Unit tests (pure logic)
test-unit *args:
    VITEST_REPORT_NAME=unit vitest run --project unit "$@"

# Integration tests against PostgreSQL (starts an embedded one when no URL is set)
test-integration *args:
    VITEST_REPORT_NAME=integration vitest run --project integration "$@"

# Browser and black-box tests against the built app started the README way
test-e2e *args:
    tsx scripts/e2e.ts "$@"

# Apply migrations to DATABASE_URL
migrate:
    tsx scripts/migrate.ts

# Generate a migration from the drizzle schema
migration name:
    drizzle-kit generate --name "$1"

# Synthesize and load the system asset catalog (idempotent; --force redoes every file)
seed *args:
    tsx scripts/seed.ts "$@"

# GPU smoke test: a worker-comfyui container in local test mode on this machine (spec/jobs.md "GPU smoke test")
gpu-smoke *args:
    tsx scripts/gpu-smoke.ts "$@"

# Add credits: just grant-credits <email or owner URN> <n>
grant-credits target amount:
    tsx scripts/grant-credits.ts "$1" "$2"

# Create a full-access API key for a user: just generate-api-key <email> [name]
generate-api-key email *name:
    tsx scripts/generate-api-key.ts "$@"

# Delete expired rate-limit windows, old job events and deliveries
cleanup:
    tsx scripts/cleanup.ts

# Every row of the performance table, each next to its floor measured in the same run (built app, real PostgreSQL at DATABASE_URL or 127.0.0.1:5432)
bench:
    tsx scripts/bench.ts
    tsx scripts/bench-storyboard.ts
    tsx scripts/bench-render.ts
    if [ -f scripts/bench-web.ts ]; then tsx scripts/bench-web.ts; fi

# p50/p95/p99 of POST /v1/generate with 20 concurrent clients (each request a full accepted creation)
bench-generate:
    tsx scripts/bench-generate.ts

# Wall time of the welcome storyboard through the whole local pipeline vs one hand-written ffmpeg command
bench-render:
    tsx scripts/bench-render.ts

# Kill the app and the Inngest runner (SIGKILL) mid-render and start them again: jobs still complete, charged once
fault-drill:
    tsx scripts/fault-drill.ts

# Lint infra/: compose (dclint), the Dockerfiles (dockerfilelint), OpenTofu formatting, RunPod test_input drift
infra-check:
    dclint infra/compose.yaml
    dockerfilelint infra/docker/app.Dockerfile infra/docker/worker.Dockerfile infra/runpod/Dockerfile
    tf=$(command -v tofu || command -v terraform) || { echo "infra-check: install OpenTofu (tofu) or Terraform for the fmt check" >&2; exit 1; }; TF_CLI_CONFIG_FILE=/dev/null "$tf" fmt -check -recursive infra/opentofu
    tsx scripts/runpod-test-input.ts --check

# Production rehearsal: the build with NODE_ENV=production on a fresh PostgreSQL database (127.0.0.1:5432), JWKS, signed Inngest, RunPod fake, webhook, SIGTERM + restart
rehearse:
    tsx scripts/rehearse.ts
