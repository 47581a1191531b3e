import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { exited, serverProcessEnv, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface ExportedSpan {
  traceId: string;
  name: string;
  scope: string;
  service: string;
  attributes: Record<string, unknown>;
}

interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}

const attributesOf = (list: OtlpAttribute[] = []) => Object.fromEntries(list.map(({ key, value }) => [key, Object.values(value)[0]]));

/** An OTLP/HTTP collector speaking JSON: keeps every span exported to it. */
async function fakeCollector(): Promise<{ url: string; spans: ExportedSpan[]; server: Server }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        for (const resource of JSON.parse(body).resourceSpans ?? []) {
          const service = String(attributesOf(resource.resource?.attributes)['service.name']);
          for (const scoped of resource.scopeSpans ?? []) {
            for (const span of scoped.spans ?? []) {
              spans.push({ traceId: span.traceId, name: span.name, scope: scoped.scope?.name, service, attributes: attributesOf(span.attributes) });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, spans, server };
}

/** The server with the standard OTEL variables set: a GraphQL request is traced through HTTP, GraphQL and PostgreSQL. */
describe('OpenTelemetry tracing', () => {
  let t: TestApp;
  let collector: Awaited<ReturnType<typeof fakeCollector>>;
  let server: ServerProcess;

  beforeAll(async () => {
    t = await createTestApp();
    collector = await fakeCollector();
    server = await startServerProcess({
      ...serverProcessEnv(t),
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'dure-tracing-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  });
  afterAll(async () => {
    server?.process.kill('SIGTERM');
    if (server) await exited(server.process);
    collector?.server.close();
    await t.close();
  });

  it('exports the spans of one GraphQL request under the caller’s trace: HTTP, GraphQL and its SQL', async () => {
    const traceId = randomBytes(16).toString('hex');
    const res = await request(server.url)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('traceparent', `00-${traceId}-${randomBytes(8).toString('hex')}-01`)
      .send({ query: `query TracedListings { listings(first: 1) { totalCount } }` });
    expect(res.status).toBe(200);

    const scopes = () => new Set(collector.spans.filter((span) => span.traceId === traceId).map((span) => span.scope));
    for (let waited = 0; waited < 10_000 && scopes().size < 4; waited += 100) await sleep(100);
    expect([...scopes()].sort()).toEqual([
      '@opentelemetry/instrumentation-express',
      '@opentelemetry/instrumentation-graphql',
      '@opentelemetry/instrumentation-http',
      '@opentelemetry/instrumentation-pg',
    ]);
    const trace = collector.spans.filter((span) => span.traceId === traceId);
    expect(trace.every((span) => span.service === 'dure-tracing-test')).toBe(true);
    expect(trace.some((span) => span.attributes['graphql.operation.name'] === 'TracedListings')).toBe(true);
    expect(trace.some((span) => String(span.attributes['db.statement'] ?? span.attributes['db.query.text']).includes('listing'))).toBe(true);
  });

  it('leaves the probes untraced', async () => {
    await request(server.url).get('/ready').expect(200);
    await request(server.url).get('/health').expect(200);
    await sleep(500);
    expect(
      collector.spans.filter((span) => /\/(ready|health)/.test(String(span.attributes['http.target'] ?? span.attributes['url.path'] ?? span.name))),
    ).toEqual([]);
  });
});
