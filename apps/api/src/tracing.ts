import { register } from 'node:module';
import type { IncomingMessage } from 'node:http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';

/** Probes come every few seconds and say nothing about a request's path through the system. */
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * OpenTelemetry tracing of HTTP requests, Express routes, GraphQL operations and PostgreSQL
 * statements, exported as the standard OTEL_* variables say (OTLP by default). Statement parameters
 * and GraphQL variables are never recorded (they hold personal data), and statements outside a traced
 * request (the job queue's polling) make no spans. Returns what flushes and stops it.
 */
export function startTracing(serviceName: string): () => Promise<void> {
  // Nest, Apollo and pg's entry point are ES modules: the loader hook lets the instrumentations patch them.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME ?? serviceName,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req: IncomingMessage) => UNTRACED_PATHS.has((req.url ?? '').split('?', 1)[0]) }),
      new ExpressInstrumentation(),
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return () => sdk.shutdown();
}
