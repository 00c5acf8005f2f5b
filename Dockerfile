# syntax=docker/dockerfile:1
# primero-bridge image: one image for every stage, the simulators and the schema job.
#   docker build -t primero-bridge .
#   docker run --read-only --tmpfs /tmp primero-bridge run his-lookup
# Runs as a numeric non-root user, writes nothing outside /tmp, has no HEALTHCHECK
# (orchestrators probe /livez and /readyz on HTTP_PORT instead).

ARG NODE_IMAGE=node:24-alpine

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# V8 heap bounds measured by bench scenario 5 (backlog drain): peak RSS ~245 MiB instead of ~450 MiB.
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-semi-space-size=32 --max-old-space-size=256" \
    HOME=/tmp \
    TMPDIR=/tmp \
    HTTP_PORT=9400 \
    INGRESS_PORT=8080
WORKDIR /app
# Everything under /app stays owned by root and read-only for the runtime user.
COPY package.json package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY schemas ./schemas
USER 10001:10001
EXPOSE 8080 9400
ENTRYPOINT ["node", "dist/main.js"]
