import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

/**
 * A small pool of its own for writes that must commit whatever becomes of the request's transaction —
 * the record that we are about to call a payment provider, for instance, which must survive a crash or
 * rollback. Separate from the main pool on purpose: requests queued on a row lock can hold every main
 * connection, and the one holding the lock must still be able to write its record.
 */
@Injectable()
export class AutonomousConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(AutonomousConnection.name);
  private readonly pool: pg.Pool;

  constructor(dataSource: DataSource) {
    const { url } = dataSource.options as { url?: string };
    this.pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'dure-autonomous' });
    // An idle connection the server ends (a restart; a dropped test database, while `end()` still closes it)
    // is reported on the pool, and an 'error' nobody listens to would crash the process. The pool drops it.
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'an idle autonomous database connection was closed by the server'));
  }

  /** One statement, committed on its own. */
  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, params)).rows;
  }

  /** Several statements committed together, independently of any request transaction. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** For the pool metrics. */
  get poolForMetrics(): pg.Pool {
    return this.pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
