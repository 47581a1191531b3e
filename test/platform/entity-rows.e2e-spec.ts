import pg from 'pg';
import { DataSource, type EntityMetadata, type ObjectLiteral } from 'typeorm';
import { Reservation } from '../../libs/booking/src/index.js';
import { Listing } from '../../libs/catalog/src/index.js';
import { RequestContext, TransactionalConnection, entitiesOf, entityMapper, parseTimestamp } from '../../libs/common/src/index.js';
import { activePartnerAgency } from '../support/catalog.js';
import { PAY, RESERVE, bookableService, seoulAt } from '../support/booking.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

/** Plain rows mapped to entities (`entitiesOf`, `entityMapper`) against TypeORM's own hydration (`getMany`). */
describe('platform: entity rows', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let reservationId: string;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    dataSource = t.app.get(DataSource);
    const operator = await logInOperator(t);
    const agency = await activePartnerAgency(t, operator);
    const listingId = await bookableService(t, agency);
    const buyer = await signUp(t, '김구매');
    const { reserve } = await t.ok(RESERVE, { input: { listingId, startsAt: seoulAt(t, 3, 10), idempotencyKey: 'entity-rows' } }, buyer.token);
    reservationId = reserve.id;
    await t.ok(PAY, { input: { id: reservationId, paymentKey: `pk_${reservationId}` } }, buyer.token);
  });
  afterAll(() => t.close());

  const ordered = (metadata: EntityMetadata) =>
    metadata.primaryColumns.reduce(
      (query, column) => query.addOrderBy(`row.${column.propertyPath}`),
      dataSource.createQueryBuilder<ObjectLiteral>(metadata.target, 'row'),
    );

  it('maps every stored entity exactly as getMany hydrates it (same class, properties, nulls, transformed and embedded values)', async () => {
    const compared: string[] = [];
    for (const metadata of dataSource.entityMetadatas.filter((entity) => entity.tableType === 'regular')) {
      const hydrated = await ordered(metadata).getMany();
      if (!hydrated.length) continue;
      expect({ entity: metadata.name, rows: await entitiesOf(ordered(metadata)) }).toStrictEqual({ entity: metadata.name, rows: hydrated });
      compared.push(metadata.name);
    }
    // The flow above stored these at least; each has a transformer, an embedded column, nullables or dates.
    expect(compared).toEqual(expect.arrayContaining(['User', 'Organization', 'PartnerAgency', 'Listing', 'Reservation', 'Payment', 'JournalEntry', 'Posting']));
  });

  it('keeps the entity class, applies transformers, leaves nulls null and relations unloaded', async () => {
    const [listing] = await entitiesOf(dataSource.createQueryBuilder(Listing, 'listing'));
    expect(listing).toBeInstanceOf(Listing);
    expect(listing.price).toBe(30_000);
    expect(listing.createdAt).toBeInstanceOf(Date);
    const [reservation] = await entitiesOf(dataSource.createQueryBuilder(Reservation, 'reservation').where('reservation.id = :id', { id: reservationId }));
    expect(reservation).toBeInstanceOf(Reservation);
    expect(reservation.cancellationReason).toBeNull();
    expect(reservation.b2b).toMatchObject({ buyerOrganizationId: null, purchaseOrderNumber: null });
    for (const relation of dataSource.getMetadata(Reservation).relations) expect(reservation[relation.propertyName as keyof Reservation]).toBeUndefined();
  });

  it('leaves joined, partial and locked queries to getMany', async () => {
    const partial = dataSource.createQueryBuilder(Listing, 'listing').select(['listing.id', 'listing.title']);
    expect(await entitiesOf(partial)).toStrictEqual(await partial.getMany());
    const joined = dataSource.createQueryBuilder(Reservation, 'reservation').leftJoinAndSelect('reservation.consultation', 'consultation');
    expect(await entitiesOf(joined)).toStrictEqual(await joined.getMany());
  });

  it('maps rows a raw statement selected under an alias', async () => {
    const metadata = dataSource.getMetadata(Listing);
    const [sql, parameters] = dataSource.createQueryBuilder(Listing, 'row').getQueryAndParameters();
    const rows = entityMapper<Listing>(metadata, 'row')(await dataSource.query(sql, parameters));
    expect(rows).toStrictEqual(await dataSource.createQueryBuilder(Listing, 'row').getMany());
  });

  it('loaders read inside the request’s transaction, and see its writes', async () => {
    const connection = t.app.get(TransactionalConnection);
    const ctx = RequestContext.system('entity-rows');
    const title = await connection.withTransaction(ctx, async () => {
      const [listing] = await entitiesOf(connection.getRepository(ctx, Listing).createQueryBuilder('listing'));
      await connection.getRepository(ctx, Listing).update({ id: listing.id }, { title: '트랜잭션 안의 제목' });
      return (await connection.loadOne(ctx, Listing, 'id', listing.id, (row) => row.id))!.title;
    });
    expect(title).toBe('트랜잭션 안의 제목');
  });

  it('gets dates and timestamps from PostgreSQL as postgres-date parses their text', async () => {
    const postgresDate = pg.types.getTypeParser(1184, 'text') as (text: string) => unknown;
    const values = [
      `'2026-12-06 07:08:02.123456+00'::timestamptz`,
      `'2026-12-06 07:08:02+09'::timestamptz`,
      `'1999-01-01 00:00:00.5'::timestamp`,
      `'2026-02-28'::date`,
      `'infinity'::timestamptz`,
      `'0044-03-15 BC'::date`,
    ];
    for (const value of values) {
      for (const zone of ['UTC', 'Asia/Seoul', 'America/St_Johns']) {
        const [row] = await dataSource.transaction(async (manager) => {
          await manager.query(`SET LOCAL TIME ZONE '${zone}'`);
          return manager.query(`SELECT ${value} AS parsed, (${value})::text AS text`);
        });
        expect({ value, zone, parsed: row.parsed }).toEqual({ value, zone, parsed: postgresDate(row.text) });
        expect(parseTimestamp(row.text)).toEqual(postgresDate(row.text));
      }
    }
  });
});
