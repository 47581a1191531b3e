import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  ConflictError,
  NotFoundError,
  RequestContext,
  StateMachine,
  StatusTransitions,
  TransactionalConnection,
  isUniqueViolation,
  isUuid,
  paginate,
  type FieldError,
  type Page,
  type PageArgs,
} from '../../common/src/index.js';
import { ListingService, type Listing } from '../../catalog/src/index.js';
import type { ExhibitionListArgs, SaveExhibitionInput } from './dto/promotion.inputs.js';
import { Exhibition, ExhibitionListing, ExhibitionStatus as E } from './exhibition.entity.js';

/** docs/RULES.md §19. */
export const EXHIBITION_STATES = new StateMachine<E>('Exhibition', {
  [E.DRAFT]: [E.PUBLISHED, E.ARCHIVED],
  [E.PUBLISHED]: [E.ARCHIVED],
});

@Injectable()
export class ExhibitionTransitions extends StatusTransitions<E, Exhibition> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, Exhibition, EXHIBITION_STATES, { changedAt: 'updatedAt' });
  }
}

const SLUG = /^[a-z0-9-]{3,60}$/;
const MAX_LISTINGS = 500;
const MAX_TITLE = 200;

/** Whether the exhibition is PUBLISHED and now within [startsAt, endsAt) (docs/RULES.md §19). */
export function exhibitionLive(exhibition: Exhibition, now: Date): boolean {
  return exhibition.status === E.PUBLISHED && exhibition.startsAt <= now && now < exhibition.endsAt;
}

/**
 * 기획전 (docs/RULES.md §19): operators make and curate them; PUBLISHED ones are public, the rest only operators
 * see (NOT_FOUND). Their listings show in the curated order while they stay sellable, as markets do.
 */
@Injectable()
export class ExhibitionService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly listings: ListingService,
    private readonly transitions: ExhibitionTransitions,
  ) {}

  /** Operators only (the resolver says so): creates a DRAFT, or changes the texts and window of one. */
  async save(ctx: RequestContext, input: SaveExhibitionInput): Promise<Exhibition> {
    const slug = input.slug.trim();
    const title = input.title.trim();
    const problems: FieldError[] = [];
    if (!SLUG.test(slug)) problems.push({ field: 'slug', message: 'must be 3–60 of a-z 0-9 -' });
    if (!title || title.length > MAX_TITLE) problems.push({ field: 'title', message: `must be 1–${MAX_TITLE} characters` });
    if (input.bannerImageUrl && !/^https:\/\/\S+$/.test(input.bannerImageUrl)) problems.push({ field: 'bannerImageUrl', message: 'must be an https URL' });
    if (!(input.startsAt < input.endsAt)) problems.push({ field: 'endsAt', message: 'must be after startsAt' });
    if (problems.length) throw new BadUserInputError(problems);
    const now = this.clock.now();
    const fields = {
      slug,
      title,
      summary: input.summary?.trim() || null,
      description: input.description?.trim() || null,
      bannerImageUrl: input.bannerImageUrl || null,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
    };
    const repo = this.connection.getRepository(ctx, Exhibition);
    try {
      if (!input.id) {
        const created = repo.create({ id: randomUUID(), ...fields, status: E.DRAFT, createdAt: now, updatedAt: now });
        await repo.insert(created);
        return created;
      }
      const exhibition = await this.transitions.lock(ctx, input.id);
      return await this.connection.updateLocked(ctx, Exhibition, exhibition, (row) => Object.assign(row, fields, { updatedAt: now }));
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`Another exhibition has the slug "${slug}"`);
      throw error;
    }
  }

  publish(ctx: RequestContext, id: string): Promise<Exhibition> {
    return this.transitions.transition(ctx, id, E.PUBLISHED);
  }

  archive(ctx: RequestContext, id: string): Promise<Exhibition> {
    return this.transitions.transition(ctx, id, E.ARCHIVED);
  }

  /**
   * Replaces the curated listings, in the order given: at most 500 distinct PUBLISHED listings of ACTIVE
   * agencies (else BAD_USER_INPUT naming one).
   */
  async setListings(ctx: RequestContext, exhibitionId: string, listingIds: readonly string[]): Promise<Exhibition> {
    const exhibition = await this.transitions.lock(ctx, exhibitionId);
    if (listingIds.length > MAX_LISTINGS) throw BadUserInputError.field('listingIds', `must name at most ${MAX_LISTINGS} listings`);
    const sellable = await this.listings.sellableIds(ctx, listingIds);
    const problems: FieldError[] = [];
    listingIds.forEach((id, index) => {
      if (listingIds.indexOf(id) !== index) problems.push({ field: `listingIds[${index}]`, message: 'names a listing already named' });
      else if (!sellable.has(id)) problems.push({ field: `listingIds[${index}]`, message: 'must be a PUBLISHED listing of an ACTIVE partner agency' });
    });
    if (problems.length) throw new BadUserInputError(problems);
    const rows = this.connection.getRepository(ctx, ExhibitionListing);
    await rows.delete({ exhibitionId });
    if (listingIds.length) await rows.insert(listingIds.map((listingId, position) => ({ exhibitionId, listingId, position })));
    return this.connection.updateLocked(ctx, Exhibition, exhibition, (row) => (row.updatedAt = this.clock.now()));
  }

  /** By slug: PUBLISHED ones for everyone, others for operators; else null. */
  async bySlug(ctx: RequestContext, slug: string): Promise<Exhibition | null> {
    const exhibition = await this.connection.getRepository(ctx, Exhibition).findOneBy({ slug: slug.trim().toLowerCase() });
    return exhibition && this.mayRead(ctx, exhibition) ? exhibition : null;
  }

  /** Batched per request; null when missing or not visible to the caller. */
  async load(ctx: RequestContext, id: string): Promise<Exhibition | null> {
    const exhibition = isUuid(id) ? await this.connection.loadOne(ctx, Exhibition, 'id', id, (row) => row.id) : null;
    return exhibition && this.mayRead(ctx, exhibition) ? exhibition : null;
  }

  /** For an operator, or published (else NOT_FOUND). */
  async get(ctx: RequestContext, id: string): Promise<Exhibition> {
    const exhibition = await this.load(ctx, id);
    if (!exhibition) throw new NotFoundError('Exhibition', id);
    return exhibition;
  }

  mayRead(ctx: RequestContext, exhibition: Exhibition): boolean {
    return exhibition.status === E.PUBLISHED || ctx.isOperator;
  }

  /** Operators all, the public PUBLISHED ones; soonest first. */
  list(ctx: RequestContext, args: ExhibitionListArgs): Promise<Page<Exhibition>> {
    const query = this.connection.getRepository(ctx, Exhibition).createQueryBuilder('exhibition');
    const status = ctx.isOperator ? args.status : E.PUBLISHED;
    if (!ctx.isOperator && args.status && args.status !== E.PUBLISHED) query.andWhere('false');
    if (status) query.andWhere('exhibition.status = :status', { status });
    if (args.liveOnly) {
      query.andWhere('exhibition.status = :published AND exhibition.starts_at <= :now AND exhibition.ends_at > :now', {
        published: E.PUBLISHED,
        now: this.clock.now(),
      });
    }
    return paginate(query, args, [
      { expression: 'exhibition.starts_at', direction: 'ASC', valueOf: (row) => row.startsAt },
      { expression: 'exhibition.id', direction: 'ASC', valueOf: (row) => row.id },
    ]);
  }

  /** The curated listings still sellable, in the curated order: two statements for the sellable ids, one for the page. */
  async listingsOf(ctx: RequestContext, exhibitionId: string, args: PageArgs): Promise<Page<Listing>> {
    const rows = this.connection.getRepository(ctx, ExhibitionListing);
    const curated = await rows.find({ select: { listingId: true }, where: { exhibitionId } });
    return this.listings.sellablePage(
      ctx,
      curated.map((row) => row.listingId),
      (sellable) =>
        paginate(
          rows.createQueryBuilder('curated').where('curated.exhibition_id = :exhibitionId AND curated.listing_id = ANY(:sellable)', { exhibitionId, sellable }),
          args,
          [
            { expression: 'curated.position', direction: 'ASC', valueOf: (row) => row.position },
            { expression: 'curated.listing_id', direction: 'ASC', valueOf: (row) => row.listingId },
          ],
        ),
    );
  }

  /** The listing ids of an exhibition (a coupon's EXHIBITION scope counts them at checkout time). */
  async listingIdsOf(ctx: RequestContext, exhibitionId: string): Promise<Set<string>> {
    const rows = await this.connection.getRepository(ctx, ExhibitionListing).find({ select: { listingId: true }, where: { exhibitionId } });
    return new Set(rows.map((row) => row.listingId));
  }
}
