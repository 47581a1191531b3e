import type { NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { requestBodyErrorHandler, requestLogger, type DureConfig } from '../../../libs/common/src/index.js';

/** How every Nest application of the API is created: its one body parser is added by `configureHttp`. */
export const HTTP_APP_OPTIONS = { bodyParser: false } satisfies NestApplicationOptions;

/**
 * The HTTP layer in front of GraphQL and the webhooks, the same for the server and the tests: client
 * addresses (behind a proxy when trusted), request ids and logs, and one JSON parser with a size limit
 * whose refusals are answered in the GraphQL error shape. Nothing else parses bodies (no url-encoded
 * forms: no route takes them).
 */
export function configureHttp(app: NestExpressApplication, config: DureConfig, logger: Logger): void {
  app.set('trust proxy', config.trustProxy);
  app.use(requestLogger(logger));
  app.useBodyParser('json', { limit: config.requestBodyLimitBytes });
  app.use(requestBodyErrorHandler(config.requestBodyLimitBytes));
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
