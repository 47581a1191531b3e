import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { AutonomousConnection } from '../database/autonomous-connection.js';
import { Metrics } from './metrics.js';

type PoolReading = Array<[labels: { state?: string }, value: number]>;

/**
 * The connection pools, read at each scrape: `main` (TypeORM: requests and jobs) and `autonomous`
 * (writes that commit on their own, such as the payment attempt log). Requests waiting for a
 * connection mean the pool is too small for the load, or something holds connections too long.
 */
@Injectable()
export class DatabaseMetrics {
  constructor(metrics: Metrics, dataSource: DataSource, autonomous: AutonomousConnection) {
    const pools = (): Array<[string, pg.Pool | undefined]> => [
      ['main', (dataSource.driver as { master?: pg.Pool }).master],
      ['autonomous', autonomous.poolForMetrics],
    ];
    const poolGauge = (name: string, help: string, labelNames: Array<'pool' | 'state'>, read: (pool: pg.Pool) => PoolReading) =>
      metrics.gauge({
        name,
        help,
        labelNames,
        collect() {
          for (const [pool, client] of pools()) {
            if (client) for (const [labels, value] of read(client)) this.set({ pool, ...labels }, value);
          }
        },
      });
    poolGauge('dure_db_pool_connections', 'Open connections of each database pool, by state (idle or busy).', ['pool', 'state'], (pool) => [
      [{ state: 'idle' }, pool.idleCount],
      [{ state: 'busy' }, pool.totalCount - pool.idleCount],
    ]);
    poolGauge('dure_db_pool_max_connections', 'The most connections each database pool may open.', ['pool'], (pool) => [[{}, pool.options.max ?? 10]]);
    poolGauge('dure_db_pool_waiting_requests', 'Requests waiting for a connection of each database pool.', ['pool'], (pool) => [[{}, pool.waitingCount]]);
  }
}
