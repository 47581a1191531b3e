import { EventEmitter, on } from 'node:events';
import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '../context/request-context.js';
import { NotFoundError } from '../errors/dure-error.js';
import { PostgresListener } from '../database/postgres-listener.js';

const CHANNEL = 'dure_live_update';

/** The local event of one topic and key. */
const eventOf = (topic: string, key: string) => `${topic}:${key}`;

/** What a NOTIFY carries: only ids (docs/RULES.md §31); every subscriber re-reads and re-authorizes. */
interface LiveUpdate {
  instance: string;
  topic: string;
  key: string;
  id: string;
}

/**
 * Live updates for GraphQL subscriptions: a committed change is announced on a topic (`consultation_message`)
 * under a key (the consultation's id) with the changed row's id, to this process at once and to every
 * other process through PostgreSQL NOTIFY. An announcement sent while another process's LISTEN connection
 * is down is lost to it: live updates are a courtesy, the queries stay the truth.
 */
@Injectable()
export class LiveUpdates {
  private readonly logger = new Logger(LiveUpdates.name);
  private readonly instance = randomUUID();
  private readonly local = new EventEmitter().setMaxListeners(0);

  constructor(private readonly postgres: PostgresListener) {
    postgres.subscribe(CHANNEL, {
      notified: (payload) => {
        const update = JSON.parse(payload) as LiveUpdate;
        if (update.instance !== this.instance) this.deliver(update);
      },
      resync: () => undefined,
    });
  }

  /** Announces the row `id` on `topic` / `key` once the surrounding transaction commits; never for a rolled-back one. */
  publish(ctx: RequestContext, topic: string, key: string, id: string): void {
    ctx.onCommit(() => this.announce({ instance: this.instance, topic, key, id }));
  }

  /**
   * The rows announced on `topic` / `key` from now on, each read by `read` and skipped when it returns null
   * or throws NOT_FOUND (the subscriber may no longer see it). The subscriber's context forgets what it
   * loaded before each read, so neither the read nor the fields resolved on the row are served from a stale
   * DataLoader. Listening starts at once, before the first `next()`.
   */
  follow<T>(ctx: RequestContext, topic: string, key: string, read: (ctx: RequestContext, id: string) => Promise<T | null>): AsyncIterableIterator<T> {
    const announced = on(this.local, eventOf(topic, key)) as AsyncIterableIterator<[string]>;
    const next = async (): Promise<IteratorResult<T>> => {
      for (;;) {
        const result = await announced.next();
        if (result.done) return { done: true, value: undefined };
        ctx.forgetLoaded();
        const row = await read(ctx, result.value[0]).catch((error: unknown) => (error instanceof NotFoundError ? null : Promise.reject(error)));
        if (row !== null) return { done: false, value: row };
      }
    };
    return {
      next,
      return: async () => {
        await announced.return?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /**
   * A row's own announcements (keyed by its id), each read by `read` (which throws NOT_FOUND for one the
   * subscriber may not see): refused at once when the subscriber may not see it now, then as `follow`.
   */
  async followRow<T>(ctx: RequestContext, topic: string, id: string, read: (ctx: RequestContext, id: string) => Promise<T>): Promise<AsyncIterableIterator<T>> {
    await read(ctx, id);
    return this.follow(ctx, topic, id, read);
  }

  /** Calls `heard` with the id of each row announced on `topic` / `key` from now on; returns how to stop. */
  watch(topic: string, key: string, heard: (id: string) => void): () => void {
    this.local.on(eventOf(topic, key), heard);
    return () => this.local.off(eventOf(topic, key), heard);
  }

  private deliver({ topic, key, id }: LiveUpdate): void {
    this.local.emit(eventOf(topic, key), id);
  }

  private async announce(update: LiveUpdate): Promise<void> {
    this.deliver(update);
    try {
      await this.postgres.notify(CHANNEL, JSON.stringify(update));
    } catch (error) {
      this.logger.warn({ err: error }, 'could not announce a live update to other processes');
    }
  }
}
