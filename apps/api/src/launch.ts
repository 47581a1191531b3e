import type { ServerOptions } from './bootstrap.js';

type Env = Record<string, string | undefined>;

/**
 * Tracing is on when the standard OpenTelemetry variables name an exporter or an OTLP endpoint, and
 * OTEL_SDK_DISABLED is not true. Off, no OpenTelemetry code is even loaded.
 */
export function tracingRequested(env: Env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter) return exporter !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * Starts an API or worker process. Tracing must patch http, express, graphql and pg before anything
 * imports them, so the server's modules are imported only after it started.
 */
export async function launch(options: ServerOptions): Promise<void> {
  const stopTracing = tracingRequested(process.env) ? (await import('./tracing.js')).startTracing(options.http ? 'dure-api' : 'dure-worker') : undefined;
  const { startServer } = await import('./bootstrap.js');
  await startServer({ ...options, afterStop: stopTracing });
}
