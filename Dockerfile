# The cla-sweeper image. Build and run (README, "Container"):
#   docker build -t cla-sweeper .
#   docker run --rm -e GITHUB_TOKEN -v "$PWD/config:/config:ro" -v cla-sweeper-cache:/cache cla-sweeper sweep
# The entrypoint is the cla-sweeper command: `sweep` (the default), `daemon`, `validate`, `explain`.

# Build stage: the same steps as CI and the README (npm ci, npm run build), over what the CLI is
# built from; the tests, the scripts and the GitHub simulator stay out.
FROM node:26-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime stage: production dependencies and the built CLI only, run by the image's non-root
# `node` user (uid and gid 1000, which the Kubernetes manifests name).
FROM node:26-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
COPY config/cla-sweeper.example.yaml config/signatories.example.yaml ./config/
# The cache directory is created and handed to the runtime user before USER, so that a named
# volume mounted there starts out writable by it (Docker copies the directory's ownership into a
# new volume). Point cache.file at it: `cache: { file: /cache/cache.json }`.
RUN ln -s /app/dist/src/cli/main.js /usr/local/bin/cla-sweeper \
 && chmod +x /app/dist/src/cli/main.js \
 && mkdir -p /cache \
 && chown node:node /cache
USER node
ENV CLA_SWEEPER_CONFIG=/config/cla-sweeper.yaml
VOLUME ["/cache"]
ENTRYPOINT ["cla-sweeper"]
CMD ["sweep"]
