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
  // Naming the framework only helps whoever looks for its known weaknesses.
  app.disable('x-powered-by');
  app.use(requestLogger(logger));
  app.useBodyParser('json', { limit: config.requestBodyLimitBytes });
  app.use(requestBodyErrorHandler(config.requestBodyLimitBytes));
}
