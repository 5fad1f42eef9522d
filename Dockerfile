# Build stage: the same steps as the README (npm ci, npm run build). Node 26 is the current LTS.
FROM node:26-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
COPY test/support ./test/support
RUN npm run build

# Runtime stage: production dependencies and the built CLI only, as a non-root user.
FROM node:26-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
COPY config/cla-sweeper.example.yaml ./config/
RUN ln -s /app/dist/src/cli/main.js /usr/local/bin/cla-sweeper && chmod +x /app/dist/src/cli/main.js
USER node
# Mount the configuration at /config and keep the cache on a volume, e.g.
#   docker run -e GITHUB_TOKEN -v $PWD/config:/config -v cla-cache:/cache cla-sweeper sweep
ENV CLA_SWEEPER_CONFIG=/config/cla-sweeper.yaml
VOLUME ["/cache"]
ENTRYPOINT ["cla-sweeper"]
CMD ["sweep"]
