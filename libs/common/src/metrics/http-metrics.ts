import type { NextFunction, Request, Response } from 'express';
import { secondsSince, type Metrics } from './metrics.js';

/** Paths served by mounted middleware rather than a route (Apollo at /graphql), named as they are. */
const MOUNTED_PATHS = new Set(['/graphql']);

/**
 * The route a request went to as a label: the route's pattern (`/webhooks/payments/:provider`), never
 * the raw URL, whose ids and query strings would make a series per request; anything else is
 * `unmatched`. Nest registers full paths on the root router, so the pattern is the whole path (and
 * `req.baseUrl` is not: a mounted middleware that answers leaves its mount path there).
 */
export function routeLabel(req: Request): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (typeof route?.path === 'string') return route.path;
  const path = req.originalUrl.split('?', 1)[0];
  return MOUNTED_PATHS.has(path) ? path : 'unmatched';
}

/** Times every HTTP request by method, route and status; the work happens once the response is sent. */
export function httpMetrics(metrics: Metrics) {
  const duration = metrics.histogram({
    name: 'dure_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code, from arrival to the last byte sent.',
    labelNames: ['method', 'route', 'status_code'] as const,
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const startedAt = performance.now();
    res.once('finish', () => {
      duration.observe({ method: req.method, route: routeLabel(req), status_code: res.statusCode }, secondsSince(startedAt));
    });
    next();
  };
}
