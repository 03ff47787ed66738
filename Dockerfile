# understudy: the mock on its built-in seeded data, reachable from outside the container.
#   docker build -t understudy .
#   docker run --rm -p 4010:4010 understudy                               # every provider, seed 1
#   docker run --rm -p 4010:4010 understudy --provider piriod --seed 7
#   docker run --rm -p 4010:4010 --read-only -v "$PWD/seeds:/scenarios:ro" understudy --scenario /scenarios/demo.json
#   docker run -d -p 4010:4010 --read-only -v understudy-data:/data understudy --persist /data --admin-token "$TOKEN"
#
# Node 24 is the Active LTS line (security fixes until April 2028); 22 is in maintenance only and
# 20 reached its end of life in April 2026. The package itself still runs on Node 20 or newer.
ARG NODE_IMAGE=node:24-slim

# --- build: every dependency, then the TypeScript bundled into dist/ ------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: `prepare` would build before the sources are here; the build is the next step.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsup.config.ts ./
COPY src ./src
COPY contracts ./contracts
COPY seeds ./seeds
RUN npm run build

# --- runtime: production dependencies and the built JavaScript, nothing that compiles -------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY bin ./bin
COPY seeds ./seeds
COPY LICENSE README.md ./
# /data belongs to the image's user, so a named volume mounted there (which starts as a copy of
# it) is writable by the server.
RUN mkdir /data && chown node:node /data
# The image's own user, not root. Nothing is written at run time but `--persist /data`, so
# `--read-only` works as it is.
USER node
# Your scenarios (`--scenario /scenarios/NAME.json`, `--snapshot /scenarios/FILE.json`), and the
# sandboxes `--persist /data` keeps across restarts.
VOLUME ["/scenarios", "/data"]
EXPOSE 4010
# The slim image has no curl: Node's own fetch asks the mock's health route, on the port the
# server's own arguments (process 1's command line) or $PORT chose, so `--port` after the image
# name moves the check with it (src/healthcheck.ts).
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "dist/healthcheck.js"]
# node is process 1 (no shell in between), and handles SIGTERM itself: `docker stop` ends it at once.
# Bind every interface inside the container; the CLI's own default (127.0.0.1) is for laptops.
ENTRYPOINT ["node", "bin/understudy.js", "serve", "--host", "0.0.0.0"]
