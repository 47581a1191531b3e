import type { INestApplicationContext, NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { Metrics, httpMetrics, metricsEndpoint, requestBodyErrorHandler, requestLogger, type DureConfig } from '../../../libs/common/src/index.js';

/**
 * How every Nest application of the API is created: its one body parser is added by `configureHttp`, keeping
 * the exact bytes as `req.rawBody` because webhook signatures are over them (docs/RULES.md §17).
 */
export const HTTP_APP_OPTIONS = { bodyParser: false, rawBody: true } satisfies NestApplicationOptions;

/**
 * The HTTP layer in front of GraphQL and the webhooks, the same for the server and the tests: client
 * addresses (behind a proxy when trusted), request durations, request ids and logs, and one JSON parser with a size limit
 * whose refusals are answered in the GraphQL error shape. Nothing else parses bodies (no url-encoded
 * forms: no route takes them).
 */
export function configureHttp(app: NestExpressApplication, config: DureConfig, logger: Logger): void {
  app.set('trust proxy', config.trustProxy);
  // Naming the framework only helps whoever looks for its known weaknesses.
  app.disable('x-powered-by');
  const metrics = app.get(Metrics);
  app.use(httpMetrics(metrics));
  app.use(requestLogger(logger));
  app.useBodyParser('json', { limit: config.requestBodyLimitBytes });
  app.use(requestBodyErrorHandler(config.requestBodyLimitBytes));
  // Without a token there is no /metrics at all (404 like any unknown path): the figures say how busy the business is.
  if (config.metricsToken) (app.getHttpAdapter().getInstance() as Express).get('/metrics', metricsEndpoint(metrics, config.metricsToken));
}

/**
 * A worker serves no API, but its job runs are counted in its own memory: with METRICS_TOKEN it
 * answers `GET /metrics` on PORT, and nothing else.
 */
export async function serveWorkerMetrics(app: INestApplicationContext, config: DureConfig): Promise<Server | undefined> {
  if (!config.metricsToken) return undefined;
  const scrape = metricsEndpoint(app.get(Metrics), config.metricsToken);
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?', 1)[0] === '/metrics') return scrape(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  return server;
}

/**
 * Stops taking connections and returns once the requests under way are answered. Nest closes the HTTP
 * server only after the application's shutdown hooks (its database connections among them), which would
 * fail those requests.
 */
export async function stopTakingRequests(app: NestExpressApplication): Promise<void> {
  const server = app.getHttpServer();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive connection would otherwise stay open for its idle timeout after its last answer.
  const closeIdle = setInterval(() => server.closeIdleConnections(), 50);
  await closed;
  clearInterval(closeIdle);
}
