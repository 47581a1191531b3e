import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { UnauthenticatedError } from '../errors/dure-error.js';
import type { OperationDeadline } from './operation-deadline.js';

/** Who is calling, as proven by the access token. */
export interface AuthUser {
  id: string;
  isOperator: boolean;
}

/**
 * Travels as the first argument of every service method (Vendure's pattern): the caller, the request id,
 * the open transaction's manager (when a mutation or job runs in one), per-request DataLoaders, the work
 * to do once that transaction has committed, and the operation's deadline.
 */
export class RequestContext {
  /** Set while a transaction is open; repositories obtained through the context then share it. */
  manager?: EntityManager;
  private readonly afterCommit: Array<() => unknown> = [];
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(
    readonly requestId: string,
    private currentUser: AuthUser | null,
    readonly clientAddress: string | null = null,
    /** Set for a query operation: its work stops once the time is up. */
    readonly deadline?: OperationDeadline,
  ) {}

  get user(): AuthUser | null {
    return this.currentUser;
  }

  /** After sign-up or log-in, the rest of the response is read as the newly signed-in user. */
  signedInAs(user: AuthUser): void {
    this.currentUser = user;
  }

  static system(requestId = 'system', deadline?: OperationDeadline): RequestContext {
    return new RequestContext(requestId, null, null, deadline);
  }

  /** Refuses further work with LIMIT_EXCEEDED once the operation's time is up. */
  checkDeadline(): void {
    this.deadline?.check();
  }

  /** The signed-in caller; UNAUTHENTICATED when there is none. */
  requireUser(): AuthUser {
    if (!this.currentUser) throw new UnauthenticatedError();
    return this.currentUser;
  }

  get isOperator(): boolean {
    return this.user?.isOperator === true;
  }

  /** Runs `work` once the surrounding transaction commits; at once when there is none. */
  onCommit(work: () => unknown): void {
    if (this.manager) this.afterCommit.push(work);
    else void work();
  }

  /** Called by the transaction runner: hands over the queued work exactly once. */
  takeAfterCommitWork(): Array<() => unknown> {
    return this.afterCommit.splice(0);
  }

  discardAfterCommitWork(): void {
    this.afterCommit.length = 0;
  }

  /** Drops what the DataLoaders hold, so the next loads read the database again (each event of a subscription). */
  forgetLoaded(): void {
    this.loaders.clear();
  }

  /** One DataLoader per name and request, so nested fields batch into one query per level. */
  loader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch) as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}
