# syntax=docker/dockerfile:1
#
# /invite in a container. The argument picks the program:
#   serve          the HTTP interactions endpoint (default; PORT 8080, /healthz and /metrics on it)
#   start          the gateway bot, one process (METRICS_PORT, default 9090 here)
#   start:sharded  every shard in a worker thread of one process (METRICS_PORT, default 9090)
#   deploy         register the slash command (npm run deploy)
# e.g. `docker build -t invite . && docker run --env-file .env -p 8080:8080 invite serve`.
#
# Built as `npm run build` builds the project (tsc to dist/, commands/ beside src/), run as
# plain node (no tsx, no npm in the way of SIGTERM), as the unprivileged `node` user, with
# production dependencies only. Not run in an engine here (none on these machines); its steps
# and programs are run without one by test/package/docker-image.test.ts (see docs/hosting.md, Docker).

ARG NODE_VERSION=20

# 1. Compile: every dependency, then tsc.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
RUN npm run build

# 2. Production dependencies: the package's own, plus what the programs import beyond the
# library (docker/production-package.mjs says which), at the versions the lock file pins.
# test/package/docker-image.test.ts runs this stage's steps and the programs without an engine.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY docker/production-package.mjs ./docker/
# Install scripts stay off, but for better-sqlite3's: the default ledger (DATABASE_URL
# sqlite:./data/invites.db) is its native addon. Its script fetches the prebuilt binary for this
# Node and platform from the package's GitHub releases (linux x64 and arm64, glibc); elsewhere it
# compiles, which needs python3, make and g++ in this stage.
RUN node docker/production-package.mjs \
	&& npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
	&& npm rebuild better-sqlite3 \
	&& npm cache clean --force

# 3. Run.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
	HOST=0.0.0.0 \
	PORT=8080
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
COPY --chown=root:root docker/entrypoint.sh docker/healthcheck.mjs ./docker/
# The SQLite ledger's folder, the one place the program writes: mount a volume here to keep it
# across containers (or set DATABASE_URL to a postgres:// URL).
RUN mkdir data && chown node:node data
VOLUME ["/app/data"]
USER node
EXPOSE 8080 9090
# /healthz of whichever program runs: METRICS_PORT (gateway) or PORT (HTTP endpoint).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "docker/healthcheck.mjs"]
ENTRYPOINT ["/bin/sh", "docker/entrypoint.sh"]
CMD ["serve"]
