import { Injectable } from '@nestjs/common';
import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

/** Seconds, from a fast cache answer to a slow provider call. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Config<C> = Omit<C, 'registers'>;

/**
 * This process's Prometheus metrics. Each library defines its own metrics here (names begin `dure_`);
 * values are kept in memory and read when `/metrics` is scraped. One registry per application, so
 * several applications in one process (the tests) never share or clash.
 */
@Injectable()
export class Metrics {
  private readonly registry = new Registry();

  constructor() {
    // Process CPU, memory, event loop delay and GC, read at each scrape.
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(config: Config<CounterConfiguration<L>>): Counter<L> {
    return new Counter({ ...config, registers: [this.registry] });
  }

  histogram<L extends string>(config: Config<HistogramConfiguration<L>>): Histogram<L> {
    return new Histogram({ buckets: DURATION_BUCKETS, ...config, registers: [this.registry] });
  }

  gauge<L extends string>(config: Config<GaugeConfiguration<L>>): Gauge<L> {
    return new Gauge({ ...config, registers: [this.registry] });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition format; gauges computed on demand (pools, job queue) are read now. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Seconds since `startedAt` (a `performance.now()` reading). */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
