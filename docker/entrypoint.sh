#!/bin/sh
# The container's argument picks the program; `exec` makes node PID 1's direct child of
# nothing, so `docker stop` (SIGTERM) reaches it and it shuts down cleanly.
set -eu
program="${1:-serve}"
[ "$#" -gt 0 ] && shift
case "$program" in
	serve) exec node dist/src/http/main.js "$@" ;;
	start)
		export METRICS_PORT="${METRICS_PORT:-9090}"
		exec node dist/src/gateway/main.js "$@"
		;;
	start:sharded)
		export METRICS_PORT="${METRICS_PORT:-9090}"
		exec node dist/src/gateway/sharded.js "$@"
		;;
	deploy) exec node dist/src/tools/deploy.js "$@" ;;
	*)
		echo "usage: serve | start | start:sharded | deploy (got: $program)" >&2
		exit 64
		;;
esac
