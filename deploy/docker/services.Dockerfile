# One image for the split deployables (apps/im, apps/customer-service, apps/dispatcher,
# apps/gateway); docker-compose.yml picks the app with `command`. Build from the repository
# root:
#   docker build -f deploy/docker/services.Dockerfile -t switchboard:services .

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
# `gateway-app`: the project name `gateway` is the library's.
RUN npx nest build im && npx nest build customer-service && npx nest build dispatcher \
  && npx nest build gateway-app && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
USER node
EXPOSE 3000
# node as PID 1 receives SIGTERM directly: each app drains and exits within SHUTDOWN_TIMEOUT_MS.
CMD ["node", "dist/apps/gateway/apps/gateway/src/main.js"]
