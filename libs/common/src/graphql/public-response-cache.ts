import type { ApolloServerPlugin } from '@apollo/server';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { DureConfig } from '../config/dure-config.js';
import { DataChangeFeed } from '../database/data-change-feed.js';

/** Queries whose answer to an anonymous caller is the same for everyone: the public catalog. */
export const PUBLIC_ROOT_FIELDS = new Set([
  'listings',
  'listing',
  'availability',
  'availableSlots',
  'market',
  'partnerAgency',
  'partnerAgencies',
  'membershipTiers',
  'currentPolicies',
]);

const MAX_ENTRIES = 2000;
const MAX_BYTES = 16 * 1024 * 1024;

interface CachedResponse {
  body: string;
  storedAt: number;
}

/** What the middleware learnt about a cacheable request, for the plugin to store its answer under. */
interface PendingEntry {
  key: string;
  generation: number;
}

/** A missing answer being computed, and the identical requests waiting for it instead of computing it too. */
interface AnswerInFlight {
  pending: PendingEntry;
  waiters: Array<(body: string | undefined) => void>;
}

type CacheableRequest = Request & { publicResponseCache?: PendingEntry };

function wakeAll(flight: AnswerInFlight, body: string | undefined): void {
  for (const wake of flight.waiters) wake(body);
}

/**
 * Answers of anonymous public catalog queries, kept for `PUBLIC_CACHE_TTL_MS` — the storefront's hottest
 * reads, identical for every visitor. Any commit anywhere (this process or another, through
 * DataChangeFeed) drops them all, so a visitor never sees data older than a write that finished before
 * their request; the time limit only bounds what changes by the clock alone (slots that have started).
 * A `Cache-Control: no-cache` request header skips the cache.
 *
 * Identical requests that miss while one of them computes the answer wait for it (request collapsing):
 * when an answer expires under load, one request recomputes it instead of every request that arrives
 * meanwhile. A commit releases the waiters to compute afresh, as the answer under way may predate it.
 */
@Injectable()
export class PublicResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private readonly inFlight = new Map<string, AnswerInFlight>();
  private bytes = 0;
  /** Bumped by every invalidation: an answer computed across one is not stored. */
  private generation = 0;
  readonly ttlMs: number;
  /** An answer GraphQL would refuse as too large (GRAPHQL_MAX_RESPONSE_BYTES) is never kept to be sent from here. */
  private readonly maxResponseBytes: number;

  constructor(
    config: DureConfig,
    private readonly changes: DataChangeFeed,
  ) {
    this.ttlMs = config.publicCacheTtlMs;
    this.maxResponseBytes = config.graphqlMaxResponseBytes;
    if (this.enabled) changes.subscribe(() => this.invalidate());
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** The pending entry for a request that may be answered from the cache, or undefined. */
  keyOf(req: Request): string | undefined {
    if (!this.enabled || !this.changes.inSync) return undefined;
    if (req.method !== 'POST' || req.headers.authorization || /no-cache|no-store/i.test(req.headers['cache-control'] ?? '')) return undefined;
    const body = req.body as { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown } | undefined;
    if (!body || typeof body.query !== 'string' || Array.isArray(body) || body.extensions !== undefined) return undefined;
    return JSON.stringify([body.operationName ?? null, body.query, body.variables ?? null]);
  }

  lookup(key: string, now = Date.now()): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.storedAt >= this.ttlMs) {
      this.remove(key, entry);
      return undefined;
    }
    return entry;
  }

  /** Starts computing a missing answer; `finish` must follow once the request is over, however it ended. */
  begin(key: string): PendingEntry {
    const pending = { key, generation: this.generation };
    this.inFlight.set(key, { pending, waiters: [] });
    return pending;
  }

  /**
   * For a miss: the answer another request is computing now, to wait for — its body, or undefined when
   * it was not stored (an error, a commit meanwhile) and the caller must compute its own; undefined when
   * nothing is under way.
   */
  awaitInFlight(key: string): Promise<string | undefined> | undefined {
    const flight = this.inFlight.get(key);
    if (!flight) return undefined;
    return new Promise((resolve) => flight.waiters.push(resolve));
  }

  /** The request that began `pending` is over: waiters still there (nothing was stored) compute their own. */
  finish(pending: PendingEntry): void {
    this.release(pending, undefined);
  }

  store(pending: PendingEntry, body: string): void {
    if (pending.generation !== this.generation || !this.changes.inSync || body.length > MAX_BYTES / 16 || Buffer.byteLength(body) > this.maxResponseBytes)
      return;
    const previous = this.entries.get(pending.key);
    if (previous) this.remove(pending.key, previous);
    this.entries.set(pending.key, { body, storedAt: Date.now() });
    this.bytes += body.length;
    // Waiters get the answer now, not when its own client has read it all.
    this.release(pending, body);
    // Maps iterate in insertion order: the first entries are the oldest.
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) break;
      this.remove(key, entry);
    }
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.bytes = 0;
    const released = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const flight of released) wakeAll(flight, undefined);
  }

  private release(pending: PendingEntry, body: string | undefined): void {
    const flight = this.inFlight.get(pending.key);
    if (flight?.pending !== pending) return;
    this.inFlight.delete(pending.key);
    wakeAll(flight, body);
  }

  private remove(key: string, entry: CachedResponse): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}

/**
 * Answers a cached request before GraphQL sees it, or one whose answer another request is computing
 * once that one has it; marks the others that may fill the cache.
 */
@Injectable()
export class PublicResponseCacheMiddleware implements NestMiddleware {
  constructor(private readonly cache: PublicResponseCache) {}

  use(req: CacheableRequest, res: Response, next: NextFunction): void {
    const key = this.cache.keyOf(req);
    if (key === undefined) return next();
    this.answer(key, req, res, next);
  }

  private answer(key: string, req: CacheableRequest, res: Response, next: NextFunction): void {
    const hit = this.cache.lookup(key);
    if (hit) return send(res, hit.body, hit.storedAt);
    const inFlight = this.cache.awaitInFlight(key);
    if (inFlight) {
      void inFlight.then((body) => (body === undefined ? this.answer(key, req, res, next) : send(res, body, Date.now())));
      return;
    }
    const pending = this.cache.begin(key);
    req.publicResponseCache = pending;
    res.once('close', () => this.cache.finish(pending));
    res.setHeader('x-cache', 'MISS');
    next();
  }
}

function send(res: Response, body: string, storedAt: number): void {
  res.status(200);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('x-cache', 'HIT');
  res.setHeader('age', String(Math.floor((Date.now() - storedAt) / 1000)));
  res.end(body);
}

function onlyPublicFields(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === 'query' &&
    operation.selectionSet.selections.every(
      (selection) => selection.kind === Kind.FIELD && (PUBLIC_ROOT_FIELDS.has(selection.name.value) || selection.name.value === '__typename'),
    )
  );
}

/** Stores the answer of a marked request when it is a public query answered without errors. */
export function publicResponseCachePlugin(cache: PublicResponseCache): ApolloServerPlugin<{ req: CacheableRequest }> {
  return {
    async requestDidStart({ contextValue }) {
      const pending = contextValue.req.publicResponseCache;
      if (!pending) return;
      return {
        async willSendResponse({ response, operation }) {
          if (!operation || !onlyPublicFields(operation) || response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          if (singleResult.errors?.length || (response.http.status ?? 200) !== 200) return;
          cache.store(pending, JSON.stringify(singleResult));
        },
      };
    },
  };
}
