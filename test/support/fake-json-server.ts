import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface JsonReply {
  status: number;
  /** Undefined: an empty body. */
  body?: unknown;
}

/**
 * What the fakes of providers' JSON APIs share: a server on a free local port, answers written as JSON
 * (a bug in the fake answers 500 `FAKE_SERVER_BUG`), delays that end when the server closes.
 */
export abstract class FakeJsonServer {
  private readonly closing = new AbortController();

  protected constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Starts the fake `create` builds for the listening server and its URL. */
  protected static async listen<T extends FakeJsonServer>(create: (server: Server, url: string) => T): Promise<T> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = create(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => {
      fake
        .serve(req)
        .catch((failure: Error): JsonReply => ({ status: 500, body: { code: 'FAKE_SERVER_BUG', message: failure.message } }))
        .then((reply) => {
          if (!reply) return res.destroy();
          res.writeHead(reply.status, { 'Content-Type': 'application/json' });
          res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
        });
    });
    return fake;
  }

  async close(): Promise<void> {
    this.closing.abort();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Undefined: drop the connection without an answer. */
  protected abstract serve(req: IncomingMessage): Promise<JsonReply | undefined>;

  /** False when the server closes first. */
  protected async delay(ms: number): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal: this.closing.signal });
      return true;
    } catch {
      return false;
    }
  }
}
