# understudy: the mock on its built-in seeded data, reachable from outside the container.
#   docker build -t understudy .
#   docker run --rm -p 4010:4010 understudy                      # every provider, seed 1
#   docker run --rm -p 4010:4010 understudy --provider piriod --seed 7
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY contracts ./contracts
COPY seeds ./seeds
EXPOSE 4010
USER node
# Bind every interface inside the container; the CLI's own default (127.0.0.1) is for laptops.
ENTRYPOINT ["node", "bin/understudy.js", "serve", "--host", "0.0.0.0"]
