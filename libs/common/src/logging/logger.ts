import type { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';

/** Structured JSON logs; Nest's own logger calls are routed here too. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'dure' }, redact: ['req.headers.authorization', 'req.headers.cookie'] });
}

/** A request as the request logger sees it: Express's, or Node's own in tests. */
type LoggedRequest = IncomingMessage & { id?: string | number; originalUrl?: string };

/** A client's `x-request-id` when it is a plain short token, else a new one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

/**
 * Request ids taken from `x-request-id` or generated, and echoed back; a line per request when it is over
 * (`request completed`, or `request aborted` when the client left first; `request errored` at error level for
 * a 5xx), in the fields pino-http wrote. What the level does not write is not built: at `warn` a request costs
 * its id and one listener.
 */
export function requestLogger(logger: Logger) {
  return (req: LoggedRequest, res: ServerResponse, next: () => void): void => {
    const id = requestIdOf(req);
    req.id = id;
    res.setHeader('x-request-id', id);
    if (!logger.isLevelEnabled('error')) return next();
    const startedAt = Date.now();
    const url = req.originalUrl ?? req.url;
    res.once('close', () => {
      const failed = res.statusCode >= 500;
      if (!failed && !logger.isLevelEnabled('info')) return;
      const line = { req: { id, method: req.method, url }, res: { statusCode: res.statusCode } };
      const responseTime = Date.now() - startedAt;
      if (failed) logger.error({ ...line, err: new Error(`failed with status code ${res.statusCode}`), responseTime }, 'request errored');
      else logger.info({ ...line, responseTime }, !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted');
    });
    next();
  };
}

export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'info' | 'warn' | 'error' | 'debug' | 'trace', message: unknown, params: unknown[]): void {
    const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    if (typeof message === 'object' && message !== null) {
      const text = typeof params[0] === 'string' && params.length > 1 ? params[0] : undefined;
      this.logger[level]({ context, ...message }, text);
    } else {
      this.logger[level]({ context }, String(message));
    }
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
}
