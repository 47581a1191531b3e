import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils.js';

type RawRow = Record<string, unknown>;

/** Turns the raw rows of one alias's columns into entities. */
export type EntityMapper<T> = (rows: readonly RawRow[]) => T[];

/**
 * Column types whose value, as pg decodes it, is already what TypeORM's hydration would make of it (its
 * `prepareHydratedValue` leaves them alone); any other type, and any column with a transformer, goes through
 * the driver's own hydration, so both paths give the same values.
 */
const DECODED_AS_IS = new Set<unknown>([String, 'uuid', 'text', 'varchar', 'character varying', 'char', 'citext', 'integer', 'smallint', 'boolean', 'jsonb']);

const mappers = new WeakMap<EntityMetadata, Map<string, EntityMapper<unknown>>>();

/**
 * The mapper of `metadata`'s rows selected under `alias` (`alias_column` keys, as TypeORM selects them), compiled
 * once per entity and alias: what TypeORM's `RawSqlResultsToEntityTransformer` does for a query of one entity
 * without joins (an instance made as TypeORM makes it, so `instanceof` and methods hold; database names to
 * properties; embedded columns; transformers and type hydration by the driver), without its per-row search for
 * joins, relation ids and duplicate primary keys that such a query cannot have. Relations stay unloaded.
 */
export function entityMapper<T extends ObjectLiteral>(metadata: EntityMetadata, alias: string): EntityMapper<T> {
  let byAlias = mappers.get(metadata);
  if (!byAlias) mappers.set(metadata, (byAlias = new Map()));
  let mapper = byAlias.get(alias);
  if (!mapper) byAlias.set(alias, (mapper = compile(metadata, alias)));
  return mapper as EntityMapper<T>;
}

/** Entities with lazy relations or table inheritance need TypeORM's own hydration. */
function isMappable(metadata: EntityMetadata): boolean {
  return !metadata.lazyRelations.length && !metadata.discriminatorColumn && !metadata.childEntityMetadatas.length;
}

function compile(metadata: EntityMetadata, alias: string): EntityMapper<unknown> {
  if (!isMappable(metadata)) throw new Error(`${metadata.name}: lazy relations and table inheritance are not mapped from plain rows`);
  const driver = metadata.connection.driver;
  const readers = metadata.columns
    .filter((column) => !column.isVirtual)
    .map((column) => ({
      key: DriverUtils.buildAlias(driver, undefined, alias, column.databaseName),
      property: column.propertyName,
      hydrate: column.transformer || !DECODED_AS_IS.has(column.type) ? (value: unknown) => driver.prepareHydratedValue(value, column) : null,
      embedded: column.embeddedMetadata ? column : null,
    }));
  const entityOf = (row: RawRow): unknown => {
    const entity = metadata.create(undefined, { fromDeserializer: true }) as Record<string, unknown>;
    for (const reader of readers) {
      let value = row[reader.key];
      if (value === undefined) continue;
      if (reader.hydrate) value = reader.hydrate(value);
      if (reader.embedded) reader.embedded.setEntityValue(entity, value);
      else entity[reader.property] = value;
    }
    return entity;
  };
  return (rows) => rows.map(entityOf);
}

/**
 * The entities a query builder selects, as `getMany()` returns them. A query of its main entity's columns only
 * (no joins, relation ids, partial selection or locks) is read as plain rows and mapped by `entityMapper`,
 * which skips TypeORM's general hydration; any other query goes through `getMany()`.
 */
export async function entitiesOf<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<T[]> {
  const map = query.expressionMap;
  const alias = map.mainAlias;
  const plain =
    alias?.hasMetadata &&
    map.joinAttributes.length === 0 &&
    map.relationIdAttributes.length === 0 &&
    map.selects.length === 1 &&
    map.selects[0].selection === alias.name &&
    map.lockMode === undefined &&
    map.relationLoadStrategy === 'join' &&
    isMappable(alias.metadata);
  if (!plain) return query.getMany();
  return entityMapper<T>(alias.metadata, alias.name)(await query.getRawMany<RawRow>());
}
