import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { requestLogger } from './logger.js';

/** A logger like createLogger's, writing its JSON lines into `lines`. */
function memoryLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level, base: { service: 'dure' } }, stream) };
}

/** A server whose every request goes through the request logger, then `answer`. */
async function serve(level: string, answer: (res: ServerResponse) => void) {
  const { lines, logger } = memoryLogger(level);
  const middleware = requestLogger(logger);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => middleware(req, res, () => answer(res)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { lines, base, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Waits until the server has written `count` lines (a line is written when the response is over). */
async function linesWritten(lines: unknown[], count: number): Promise<void> {
  for (let attempt = 0; lines.length < count && attempt < 100; attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
}

const answerWith = (status: number) => (res: ServerResponse) => {
  res.statusCode = status;
  res.end('{}');
};

describe('requestLogger', () => {
  it('logs one line per request at info with its id, method, url, status and time, and echoes the id', async () => {
    const server = await serve('info', answerWith(200));
    try {
      const given = await fetch(`${server.base}/graphql?x=1`, { method: 'POST', headers: { 'x-request-id': 'client-id.1' } });
      const generated = await fetch(`${server.base}/ready`, { headers: { 'x-request-id': 'not valid!' } });
      await linesWritten(server.lines, 2);
      expect(given.headers.get('x-request-id')).toBe('client-id.1');
      const generatedId = generated.headers.get('x-request-id');
      expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);
      expect(server.lines).toEqual([
        {
          level: 30,
          time: expect.any(Number),
          service: 'dure',
          req: { id: 'client-id.1', method: 'POST', url: '/graphql?x=1' },
          res: { statusCode: 200 },
          responseTime: expect.any(Number),
          msg: 'request completed',
        },
        expect.objectContaining({ level: 30, req: { id: generatedId, method: 'GET', url: '/ready' }, msg: 'request completed' }),
      ]);
    } finally {
      await server.close();
    }
  });

  it('logs a server error at error level, also when info lines are off', async () => {
    for (const level of ['info', 'warn']) {
      const server = await serve(level, answerWith(503));
      try {
        await fetch(`${server.base}/graphql`, { method: 'POST', headers: { 'x-request-id': 'failing' } });
        await linesWritten(server.lines, 1);
        expect(server.lines).toEqual([
          expect.objectContaining({
            level: 50,
            req: { id: 'failing', method: 'POST', url: '/graphql' },
            res: { statusCode: 503 },
            err: expect.objectContaining({ type: 'Error', message: 'failed with status code 503' }),
            responseTime: expect.any(Number),
            msg: 'request errored',
          }),
        ]);
      } finally {
        await server.close();
      }
    }
  });

  it('writes nothing for answered requests below server errors when the level is warn', async () => {
    const server = await serve('warn', answerWith(400));
    try {
      const response = await fetch(`${server.base}/graphql`, { method: 'POST' });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.lines).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('logs a request whose client left before the answer was over as aborted', async () => {
    const server = await serve('info', (res) => res.writeHead(200).write('{'));
    try {
      const client = request(`${server.base}/graphql`, { method: 'POST', headers: { 'x-request-id': 'gone' } });
      client.on('error', () => undefined);
      client.end();
      const [response] = (await once(client, 'response')) as [IncomingMessage];
      response.destroy();
      await linesWritten(server.lines, 1);
      expect(server.lines).toEqual([expect.objectContaining({ level: 30, req: { id: 'gone', method: 'POST', url: '/graphql' }, msg: 'request aborted' })]);
    } finally {
      await server.close();
    }
  });
});
