import type { RequestContext } from '../context/request-context.js';

type Handler<E> = (ctx: RequestContext, event: E) => Promise<void>;

/**
 * A library's in-transaction hook for higher libraries (docs/ARCHITECTURE.md, registration points): handlers
 * run inside the transaction that made the change, before it commits, with its `ctx`; one that throws rolls
 * the whole change back, and a rolled-back change leaves nothing a handler wrote. `M` maps each event type
 * to what a subscriber needs.
 */
export class InTransactionEvents<M extends object> {
  private readonly handlers = new Map<keyof M, Array<Handler<never>>>();

  /** Higher libraries register in their module's constructor or onModuleInit. */
  inTransaction<K extends keyof M>(type: K, handler: Handler<M[K]>): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler as Handler<never>]);
  }

  async publish<K extends keyof M>(ctx: RequestContext, type: K, event: M[K]): Promise<void> {
    for (const handler of this.handlers.get(type) ?? []) await (handler as Handler<M[K]>)(ctx, event);
  }
}
