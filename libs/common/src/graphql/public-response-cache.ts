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
const MAX_BYTES = 32 * 1024 * 1024;

interface CachedResponse {
  body: string;
  storedAt: number;
}

/** What the middleware learnt about a cacheable request, for the plugin to store its answer under. */
interface PendingEntry {
  key: string;
  generation: number;
}

type CacheableRequest = Request & { publicResponseCache?: PendingEntry };

/**
 * Answers of anonymous public catalog queries, kept for `PUBLIC_CACHE_TTL_MS` — the storefront's hottest
 * reads, identical for every visitor. Any commit anywhere (this process or another, through
 * DataChangeFeed) drops them all, so a visitor never sees data older than a write that finished before
 * their request; the time limit only bounds what changes by the clock alone (slots that have started).
 * A `Cache-Control: no-cache` request header skips the cache.
 */
@Injectable()
export class PublicResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;
  /** Bumped by every invalidation: an answer computed across one is not stored. */
  private generation = 0;
  readonly ttlMs: number;

  constructor(config: DureConfig, private readonly changes: DataChangeFeed) {
    this.ttlMs = config.publicCacheTtlMs;
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

  begin(key: string): PendingEntry {
    return { key, generation: this.generation };
  }

  store(pending: PendingEntry, body: string): void {
    if (pending.generation !== this.generation || !this.changes.inSync || body.length > MAX_BYTES / 16) return;
    const previous = this.entries.get(pending.key);
    if (previous) this.remove(pending.key, previous);
    this.entries.set(pending.key, { body, storedAt: Date.now() });
    this.bytes += body.length;
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
  }

  private remove(key: string, entry: CachedResponse): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}

/** Answers a cached request before GraphQL sees it; marks the others that may fill the cache. */
@Injectable()
export class PublicResponseCacheMiddleware implements NestMiddleware {
  constructor(private readonly cache: PublicResponseCache) {}

  use(req: CacheableRequest, res: Response, next: NextFunction): void {
    const key = this.cache.keyOf(req);
    if (key === undefined) return next();
    const hit = this.cache.lookup(key);
    if (!hit) {
      req.publicResponseCache = this.cache.begin(key);
      res.setHeader('x-cache', 'MISS');
      return next();
    }
    res.status(200);
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('x-cache', 'HIT');
    res.setHeader('age', String(Math.floor((Date.now() - hit.storedAt) / 1000)));
    res.end(hit.body);
  }
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
