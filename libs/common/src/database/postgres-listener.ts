import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

const RECONNECT_MS = 1000;

export interface ChannelSubscriber {
  /** A notification on the channel, with its payload. */
  notified(payload: string): void;
  /**
   * The connection came up or was lost (`listening` tells which): notifications sent while nobody
   * listened are gone, so whatever they would have caused must be caught up on.
   */
  resync(): void;
}

/**
 * The one connection per process that LISTENs to PostgreSQL's notifications, for every channel services
 * subscribed to (before start-up). It sits outside the pool, so hearing and announcing never wait for a
 * pooled connection, and it reconnects when lost.
 */
@Injectable()
export class PostgresListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PostgresListener.name);
  private readonly subscribers = new Map<string, ChannelSubscriber[]>();
  private client?: pg.Client;
  private connected = false;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;
  /** The last notification sent or being sent: the next one goes after it. */
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  subscribe(channel: string, subscriber: ChannelSubscriber): void {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`Channel names are lower-case words: ${channel}`);
    this.subscribers.set(channel, [...(this.subscribers.get(channel) ?? []), subscriber]);
  }

  get listening(): boolean {
    return this.connected;
  }

  /**
   * Sends a notification (outside any transaction) after those sent before it; fails while not listening.
   * One statement at a time on the connection: pg queues a second query on a busy client only until
   * pg@9, which refuses it.
   */
  notify(channel: string, payload: string): Promise<void> {
    const client = this.client;
    if (!this.connected || !client) return Promise.reject(new Error('not connected to PostgreSQL for notifications'));
    const sent = this.sending.then(() => client.query('SELECT pg_notify($1, $2)', [channel, payload])).then(() => undefined);
    this.sending = sent.catch(() => undefined);
    return sent;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }

  private resyncAll(): void {
    for (const subscribers of this.subscribers.values()) for (const subscriber of subscribers) subscriber.resync();
  }

  private async listen(): Promise<void> {
    if (this.stopped || this.client) return;
    const { url } = this.dataSource.options as { url?: string };
    const client = new pg.Client({ connectionString: url, application_name: 'dure-listener' });
    this.client = client;
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.connected = false;
      this.client = undefined;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn({ err: error }, 'lost the LISTEN connection to PostgreSQL; reconnecting');
      this.resyncAll();
      this.reconnectTimer = setTimeout(() => void this.listen(), RECONNECT_MS);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      for (const subscriber of this.subscribers.get(message.channel) ?? []) subscriber.notified(message.payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of this.subscribers.keys()) await client.query(`LISTEN ${channel}`);
      this.connected = true;
      this.resyncAll();
    } catch (error) {
      lost(error as Error);
    }
  }
}
