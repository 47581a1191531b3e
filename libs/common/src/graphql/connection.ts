import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType, type FieldMiddleware } from '@nestjs/graphql';
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

/** `first` and `after` of every list (RULES §6: default 20, at most 100). */
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

/** `totalCount` is a function so the count query only runs when a client selects it. */
export interface Page<T> {
  edges: Array<Edge<T>>;
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number | (() => Promise<number>);
}

/** Nest's field resolver hands a property over as it is; a lazy `totalCount` has to be called here. */
const countWhenSelected: FieldMiddleware = async (_context, next) => {
  const value: unknown = await next();
  return typeof value === 'function' ? (value as () => Promise<number>)() : value;
};

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

    @Field(() => Int, { middleware: [countWhenSelected] })
    totalCount: number | (() => Promise<number>);
  }
  return ConnectionType;
}
