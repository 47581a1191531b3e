import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PostgresListener } from './postgres-listener.js';

const CHANNEL = 'dure_data_changed';

export type DataChangeListener = () => void;

/**
 * Tells every API and worker process that some transaction committed somewhere, so copies of data kept
 * in memory (the public response cache) can be dropped. Commits in this process are announced at once;
 * other processes hear of them through PostgreSQL's LISTEN/NOTIFY (PostgresListener) within milliseconds.
 *
 * While the LISTEN connection is down, `inSync` is false: this process could miss other processes'
 * changes, so whoever keeps copies must not use them until it is back.
 */
@Injectable()
export class DataChangeFeed {
  private readonly logger = new Logger(DataChangeFeed.name);
  private readonly instance = randomUUID();
  private readonly listeners: DataChangeListener[] = [];
  /** Commits are announced one NOTIFY at a time: commits made meanwhile share the next one. */
  private notifying = false;
  private notifyAgain = false;

  constructor(private readonly postgres: PostgresListener) {
    postgres.subscribe(CHANNEL, {
      notified: (payload) => {
        if (payload !== this.instance) this.publishLocally();
      },
      // What changed while nobody listened is unknown: drop every copy, and once back tell the others
      // in case this process changed something while it could not announce it.
      resync: () => {
        this.publishLocally();
        void this.announce();
      },
    });
  }

  subscribe(listener: DataChangeListener): void {
    this.listeners.push(listener);
  }

  get inSync(): boolean {
    return this.postgres.listening;
  }

  /** Called after every commit made in this process. */
  committed(): void {
    this.publishLocally();
    void this.announce();
  }

  private publishLocally(): void {
    for (const listener of this.listeners) listener();
  }

  private async announce(): Promise<void> {
    if (!this.postgres.listening) return;
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    try {
      do {
        this.notifyAgain = false;
        await this.postgres.notify(CHANNEL, this.instance);
      } while (this.notifyAgain && this.postgres.listening);
    } catch (error) {
      // Without the announcement other processes keep their copies until these expire.
      this.logger.warn({ err: error }, 'could not announce a commit to other processes');
    } finally {
      this.notifying = false;
    }
  }
}
