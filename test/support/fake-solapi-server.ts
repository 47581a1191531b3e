import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for Solapi's `POST /messages/v4/send`: it checks the HMAC-SHA256 signature with the
 * secret, keeps every accepted message, and answers scripted failures with `{ errorCode, errorMessage }`.
 */
export class FakeSolapiServer {
  readonly messages: Array<Record<string, any>> = [];
  /** Statuses to answer the next requests with instead of accepting them. */
  readonly failures: number[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(apiKey: string, apiSecret: string): Promise<FakeSolapiServer> {
    // The request handler needs the instance, which needs the listening server's address.
    const holder: { fake?: FakeSolapiServer } = {};
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        const auth = /^HMAC-SHA256 apiKey=(.+), date=(.+), salt=(.+), signature=([0-9a-f]+)$/.exec(req.headers.authorization ?? '');
        const expected =
          auth &&
          createHmac('sha256', apiSecret)
            .update(auth[2] + auth[3])
            .digest('hex');
        if (!auth || auth[1] !== apiKey || auth[4] !== expected)
          return reply(403, { errorCode: 'SignatureDoesNotMatch', errorMessage: '서명이 일치하지 않습니다.' });
        if (req.method !== 'POST' || req.url !== '/messages/v4/send') return reply(404, { errorCode: 'NotFound', errorMessage: 'no such route' });
        const failure = holder.fake!.failures.shift();
        if (failure) return reply(failure, { errorCode: 'InternalError', errorMessage: '잠시 후 다시 시도해 주세요.' });
        const { message } = JSON.parse(raw);
        holder.fake!.messages.push(message);
        reply(200, {
          groupId: 'G4V2025',
          messageId: `M4V${holder.fake!.messages.length}`,
          to: message.to,
          from: message.from,
          type: 'ATA',
          statusCode: '2000',
          statusMessage: '정상 접수',
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.fake = new FakeSolapiServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return holder.fake;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
