#!/bin/sh
# Entry point of the app image: `serve` (default) runs the Next.js standalone server,
# `migrate` applies pending migrations, anything else is executed as given.
set -eu
cmd="${1:-serve}"
case "$cmd" in
  serve)
    shift 2>/dev/null || true
    exec node server.js "$@"
    ;;
  migrate)
    shift
    exec node migrate.mjs "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
