import { Logger } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

function reply(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, ...headers }).end(body);
}

/**
 * `GET /metrics` for Prometheus, which must send `Authorization: Bearer <METRICS_TOKEN>`. A plain Node
 * handler: ahead of Nest in an API process (the bearer is not a user's access token, so the access
 * guard must not see it) and on its own in a worker.
 */
export function metricsEndpoint(metrics: Metrics, token: string) {
  const expected = digest(token);
  const logger = new Logger('Metrics');
  return (req: IncomingMessage, res: ServerResponse): void => {
    const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // Compared as digests, in constant time: neither the token's length nor a prefix leaks.
    if (!given || !timingSafeEqual(digest(given), expected)) {
      reply(res, 401, 'application/json', '{"status":"unauthorized"}', { 'www-authenticate': 'Bearer' });
      return;
    }
    metrics.scrape().then(
      (body) => reply(res, 200, metrics.contentType, body),
      (error: unknown) => {
        logger.error({ err: error }, 'metrics scrape failed');
        reply(res, 500, 'application/json', '{"status":"error"}');
      },
    );
  };
}
