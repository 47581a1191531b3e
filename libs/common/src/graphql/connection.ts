import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * Where a page sits in its list. Lists page forwards only (`first`/`after`), so, as Relay allows for forward
 * paging, `hasPreviousPage` answers without a query: true exactly when `after` was given, since a cursor is
 * only handed out for a row of an earlier page (README, "Shape of the code").
 */
@ObjectType({ description: 'Where a page sits in its list (lists page forwards only, with `first` and `after`).' })
export class PageInfo {
  @Field({ description: 'Whether more rows follow this page: pass `endCursor` as `after` to get them.' })
  hasNextPage: boolean;

  @Field({ description: 'True when `after` was given, i.e. rows come before this page; false on the first page. Not re-checked against rows deleted since.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null when the page is empty." })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "The last edge's cursor, to pass as `after` for the next page; null when the page is empty." })
  endCursor: string | null;
}

/** `first` and `after` of every list (docs/RULES.md §6: default 20, at most 100). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many rows to return, 0 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}. More is BAD_USER_INPUT.` })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, {
    nullable: true,
    description: 'Start after this cursor (an `endCursor` or edge `cursor` of the same list, same filter and order); a foreign cursor is BAD_USER_INPUT.',
  })
  @IsOptional()
  @IsString()
  after?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** `totalCount` is a getter (see `paginate`) so the count query only runs when a client selects it. */
export interface Page<T> {
  edges: Array<Edge<T>>;
  nodes: T[];
  pageInfo: PageInfo;
  readonly totalCount: number | Promise<number>;
}

/** A Relay connection type `${name}Connection` with its `${name}Edge`, for any node type. */
export function Connection<T>(name: string, nodeType: Type<T>) {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page with its cursor.` })
  class EdgeType {
    @Field({ description: `Opaque position of this ${name} in the list: pass it as \`after\` to continue after it.` })
    cursor: string;

    @Field(() => nodeType, { description: `The ${name} itself.` })
    node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements Page<T> {
    @Field(() => [EdgeType], { description: `The page's ${name} rows with their cursors, in list order.` })
    edges: Array<Edge<T>>;

    @Field(() => [nodeType], { description: 'The same rows as `edges`, without cursors.' })
    nodes: T[];

    @Field(() => PageInfo, { description: 'Cursors and whether pages come before or after this one.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many rows the whole list has under the same filter (counted only when selected).' })
    totalCount: number | Promise<number>;
  }
  return ConnectionType;
}
