import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredObject {
  body: Buffer;
  contentType?: string;
  cacheControl?: string;
}

export interface RecordedS3Request {
  method: string;
  key: string;
  /** `header` (an SDK call signed in the Authorization header), `presigned` (query string) or `anonymous`. */
  auth: 'header' | 'presigned' | 'anonymous';
  signedHeaders: string[];
}

const HEADER_AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/[^/]+\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=[0-9a-f]{64}$/;

/**
 * An S3-compatible bucket for tests, path-style (`/<bucket>/<key>`): PUT, GET, HEAD and DELETE of
 * objects. Writes and deletes need a SigV4 signature by `accessKeyId` — in the Authorization header or a
 * presigned query string, checked for presence and shape, not recomputed — and a presigned PUT must send
 * every header it signed. Reads are public (a public-read bucket behind the image URLs).
 */
export class FakeS3Server {
  readonly objects = new Map<string, StoredObject>();
  readonly requests: RecordedS3Request[] = [];
  private server?: Server;
  url = '';

  constructor(
    readonly bucket: string,
    readonly accessKeyId: string,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url!, this.url);
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const body = await readBody(req);
    if (bucket !== this.bucket || !key) return error(res, 404, 'NoSuchBucket');
    const auth = this.authOf(req, url);
    if (auth === null) return error(res, 403, 'SignatureDoesNotMatch');
    this.requests.push({ method: req.method!, key, ...auth });
    const write = req.method === 'PUT' || req.method === 'DELETE';
    if (write && auth.auth === 'anonymous') return error(res, 403, 'AccessDenied');
    if (auth.auth === 'presigned' && !auth.signedHeaders.every((name) => name === 'host' || req.headers[name] !== undefined))
      return error(res, 403, 'SignatureDoesNotMatch');

    if (req.method === 'PUT') {
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) !== body.length) return error(res, 400, 'IncompleteBody');
      this.objects.set(key, { body, contentType: req.headers['content-type'], cacheControl: req.headers['cache-control'] });
      res.writeHead(200, { etag: `"${body.length}"` }).end();
      return;
    }
    if (req.method === 'DELETE') {
      this.objects.delete(key);
      res.writeHead(204).end();
      return;
    }
    const object = this.objects.get(key);
    if (!object) return req.method === 'HEAD' ? void res.writeHead(404).end() : error(res, 404, 'NoSuchKey');
    const headers = {
      'content-length': String(object.body.length),
      'content-type': object.contentType ?? 'binary/octet-stream',
      ...(object.cacheControl ? { 'cache-control': object.cacheControl } : {}),
    };
    if (req.method === 'HEAD') return void res.writeHead(200, headers).end();
    if (req.method === 'GET') return void res.writeHead(200, headers).end(object.body);
    error(res, 405, 'MethodNotAllowed');
  }

  /** Null for a malformed or foreign signature. */
  private authOf(req: IncomingMessage, url: URL): Pick<RecordedS3Request, 'auth' | 'signedHeaders'> | null {
    const header = req.headers.authorization;
    if (header) {
      const match = HEADER_AUTH.exec(header);
      if (!match || match[1] !== this.accessKeyId || !req.headers['x-amz-date']) return null;
      return { auth: 'header', signedHeaders: match[2].split(';') };
    }
    const query = url.searchParams;
    if (query.has('X-Amz-Signature')) {
      const credential = query.get('X-Amz-Credential') ?? '';
      const valid =
        query.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256' &&
        credential.startsWith(`${this.accessKeyId}/`) &&
        /^[0-9a-f]{64}$/.test(query.get('X-Amz-Signature')!) &&
        Number(query.get('X-Amz-Expires')) > 0 &&
        query.has('X-Amz-Date');
      return valid ? { auth: 'presigned', signedHeaders: (query.get('X-Amz-SignedHeaders') ?? '').split(';') } : null;
    }
    return { auth: 'anonymous', signedHeaders: [] };
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function error(res: ServerResponse, status: number, code: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`);
}
