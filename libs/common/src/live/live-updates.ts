import { EventEmitter, on } from 'node:events';
import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '../context/request-context.js';
import { PostgresListener } from '../database/postgres-listener.js';

const CHANNEL = 'dure_live_update';

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
   * The rows announced on `topic` / `key` from now on, each read by `read` with a fresh context of the
   * subscriber (so nothing is served from a stale DataLoader) and skipped when `read` returns null
   * (the subscriber may no longer see it). Listening starts at once, before the first `next()`.
   */
  follow<T>(ctx: RequestContext, topic: string, key: string, read: (fresh: RequestContext, id: string) => Promise<T | null>): AsyncIterableIterator<T> {
    const announced = on(this.local, `${topic}:${key}`) as AsyncIterableIterator<[string]>;
    const next = async (): Promise<IteratorResult<T>> => {
      for (;;) {
        const result = await announced.next();
        if (result.done) return { done: true, value: undefined };
        const row = await read(new RequestContext(ctx.requestId, ctx.user, ctx.clientAddress), result.value[0]);
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

  private deliver({ topic, key, id }: LiveUpdate): void {
    this.local.emit(`${topic}:${key}`, id);
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
