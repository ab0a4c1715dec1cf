/**
 * @generated
 * Scaffolded once by ssot-codegen; yours to edit. Starts the server and stops it cleanly.
 */

import { pino } from "pino";
import { createApp } from "./gen/app.ts";
import { ConfigError, loadConfig } from "./gen/config.ts";
import { createPrismaClient } from "./gen/db.ts";
import { connectRateLimitStore } from "./gen/http/rate-limit.ts";

/** Configuration problems end the process with a clear message and no stack trace. */
function orExit<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = orExit(() => loadConfig());
  const logger = pino({
    level: config.LOG_LEVEL,
    redact: ["req.headers.authorization", "req.headers.cookie"],
  });
  const prisma = orExit(() => createPrismaClient(config.DATABASE_URL));
  // With REDIS_URL the rate limits count in Redis, shared by every instance;
  // the server does not start without it.
  const rateLimitStore = await connectRateLimitStore(
    config.REDIS_URL,
    logger,
  ).catch((error: unknown) => {
    console.error(`Cannot connect to Redis (REDIS_URL): ${String(error)}`);
    process.exit(1);
  });
  // createApp refuses settings it cannot serve with (a low SCRYPT_COST in production).
  const app = orExit(() =>
    createApp({ config, prisma, logger, rateLimitStore }),
  );
  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port =
      typeof address === "object" && address !== null
        ? address.port
        : config.PORT;
    logger.info({ port, host: config.HOST }, "listening");
  });
  server.on("error", (error) => {
    logger.fatal({ err: error }, "server failed");
    process.exit(1);
  });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Do not wait forever for keep-alive clients.
    const timer = setTimeout(() => {
      logger.error("shutdown timed out");
      process.exit(1);
    }, 10000);
    timer.unref();
    server.close(() => {
      Promise.all([prisma.$disconnect(), rateLimitStore.close()])
        .then(() => {
          logger.info("stopped");
          process.exit(0);
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, "disconnect failed");
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main();
