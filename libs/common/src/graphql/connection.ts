import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/** `first` and `after` of every list (docs/RULES.md §6: default 20, at most 100). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, { nullable: true })
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
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements Page<T> {
    @Field(() => [EdgeType])
    edges: Array<Edge<T>>;

    @Field(() => [nodeType])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number | Promise<number>;
  }
  return ConnectionType;
}
