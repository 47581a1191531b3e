import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

const CHANNEL = 'dure_data_changed';
const RECONNECT_MS = 1000;

export type DataChangeListener = () => void;

/**
 * Tells every API and worker process that some transaction committed somewhere, so copies of data kept
 * in memory (the public response cache) can be dropped. Commits in this process are announced at once;
 * other processes hear of them through PostgreSQL's LISTEN/NOTIFY within milliseconds, on one connection
 * of its own per process (outside the pool, so announcing never waits for a pooled connection).
 *
 * While the LISTEN connection is down, `inSync` is false: this process could miss other processes'
 * changes, so whoever keeps copies must not use them until it is back.
 */
@Injectable()
export class DataChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DataChangeFeed.name);
  private readonly instance = randomUUID();
  private readonly listeners: DataChangeListener[] = [];
  private listener?: pg.Client;
  private listening = false;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;
  /** Commits are announced one NOTIFY at a time: commits made meanwhile share the next one. */
  private notifying = false;
  private notifyAgain = false;

  constructor(private readonly dataSource: DataSource) {}

  subscribe(listener: DataChangeListener): void {
    this.listeners.push(listener);
  }

  get inSync(): boolean {
    return this.listening;
  }

  /** Called after every commit made in this process. */
  committed(): void {
    this.publishLocally();
    void this.announce();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
  }

  private publishLocally(): void {
    for (const listener of this.listeners) listener();
  }

  private async announce(): Promise<void> {
    const client = this.listener;
    if (!this.listening || !client) return;
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    try {
      do {
        this.notifyAgain = false;
        await client.query('SELECT pg_notify($1, $2)', [CHANNEL, this.instance]);
      } while (this.notifyAgain && this.listener === client);
    } catch (error) {
      // Without the announcement other processes keep their copies until these expire.
      this.logger.warn({ err: error }, 'could not announce a commit to other processes');
    } finally {
      this.notifying = false;
    }
  }

  private async listen(): Promise<void> {
    if (this.stopped || this.listener) return;
    const { url } = this.dataSource.options as { url?: string };
    const client = new pg.Client({ connectionString: url, application_name: 'dure-data-change-feed' });
    this.listener = client;
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = undefined;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn({ err: error }, 'lost the data change feed; reconnecting');
      // What changed while nobody listened is unknown: drop every copy.
      this.publishLocally();
      this.reconnectTimer = setTimeout(() => void this.listen(), RECONNECT_MS);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.payload !== this.instance) this.publishLocally();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // Changes made before LISTEN took effect were not heard: start from nothing, and tell the others
      // in case this process changed something while it could not announce it.
      this.publishLocally();
      this.listening = true;
      void this.announce();
    } catch (error) {
      lost(error as Error);
    }
  }
}
