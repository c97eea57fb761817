# One image for the api and the worker (docker-compose.yml picks the command).
# Build stage: dev dependencies and the compiler; only the product (src, migrations) is built.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY migrations ./migrations
# The web portal is built here too (Vite, from schema.gql's generated types).
COPY schema.gql ./
COPY web ./web
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: production dependencies and dist/ only; no compiler, no sources.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/scripts ./scripts
COPY package.json ./
USER node
# api 3000; the worker's /health and /metrics 3001
EXPOSE 3000 3001
# A bounded old space: V8 otherwise lets garbage grow to hundreds of MB under load before it
# collects (docs/benchmarks.md); 192 MB is several times the api's live heap.
CMD ["node", "--max-old-space-size=192", "dist/src/main.js"]
