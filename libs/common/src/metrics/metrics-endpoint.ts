import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Metrics } from './metrics.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` for Prometheus, which must send `Authorization: Bearer <METRICS_TOKEN>`. A plain
 * handler ahead of Nest: the bearer is not a user's access token, so the access guard must not see it.
 */
export function metricsEndpoint(metrics: Metrics, token: string) {
  const expected = digest(token);
  return (req: Request, res: Response): void => {
    const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // Compared as digests, in constant time: neither the token's length nor a prefix leaks.
    if (!given || !timingSafeEqual(digest(given), expected)) {
      res.status(401).set('www-authenticate', 'Bearer').json({ status: 'unauthorized' });
      return;
    }
    metrics.scrape().then(
      (body) => res.type(metrics.contentType).send(body),
      (error: unknown) => {
        req.log?.error({ err: error }, 'metrics scrape failed');
        res.status(500).json({ status: 'error' });
      },
    );
  };
}
