import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import {
  Authenticator,
  CommonModule,
  CompiledExecution,
  DateTimeScalar,
  DureConfig,
  InputValidationPipe,
  JobResolver,
  LiveUpdates,
  Metrics,
  MutationRateLimiter,
  PublicResponseCache,
  PublicResponseCacheMiddleware,
  QueryCounter,
  RejectMalformedTextPipe,
  TestClockResolver,
  cappedResultStringifier,
  errorLoggingPlugin,
  formatGraphQLError,
  graphqlMetricsPlugin,
  formatGraphQLErrorWithoutSuggestions,
  mutationRateLimitPlugin,
  operationDeadlinePlugin,
  publicResponseCachePlugin,
  queryLimitsPlugin,
} from '../../../libs/common/src/index.js';
import { AFFILIATE_RESOLVERS, AffiliateModule } from '../../../libs/affiliate/src/index.js';
import { CALENDAR_RESOLVERS, CalendarModule } from '../../../libs/calendar/src/index.js';
import { CATALOG_RESOLVERS, CatalogModule } from '../../../libs/catalog/src/index.js';
import { BOOKING_RESOLVERS, BookingModule } from '../../../libs/booking/src/index.js';
import { COMMERCE_RESOLVERS, CommerceModule } from '../../../libs/commerce/src/index.js';
import { IDENTITY_RESOLVERS, IdentityModule } from '../../../libs/identity/src/index.js';
import { LEDGER_RESOLVERS, LedgerModule } from '../../../libs/ledger/src/index.js';
import { MEDIA_RESOLVERS, MediaModule } from '../../../libs/media/src/index.js';
import { MEMBERSHIP_RESOLVERS, MembershipModule } from '../../../libs/membership/src/index.js';
import { NOTIFICATIONS_RESOLVERS, NotificationsModule } from '../../../libs/notifications/src/index.js';
import { PAYMENTS_RESOLVERS, PaymentsModule } from '../../../libs/payments/src/index.js';
import { SETTLEMENT_RESOLVERS, SettlementModule } from '../../../libs/settlement/src/index.js';
import { REPORTS_RESOLVERS, ReportsModule } from '../../../libs/reports/src/index.js';
import { SUBSCRIPTIONS_RESOLVERS, SubscriptionsModule } from '../../../libs/subscriptions/src/index.js';
import type { BuildSchemaOptions } from '@nestjs/graphql';
import { dataSourceOptions } from './database.js';
import { graphqlWsOptions } from './graphql-ws.js';
import { HealthController } from './health.controller.js';
import { tracingRequested } from './launch.js';
import { Readiness } from './readiness.js';

export interface AppOptions {
  config: DureConfig;
  databaseUrl: string;
  /** Counts SQL statements (tests and benchmarks). */
  queryCounter?: QueryCounter;
}

/** The domain libraries the server is made of. */
export const DOMAIN_MODULES = [
  CalendarModule,
  IdentityModule,
  LedgerModule,
  PaymentsModule,
  MembershipModule,
  CatalogModule,
  BookingModule,
  CommerceModule,
  MediaModule,
  SubscriptionsModule,
  AffiliateModule,
  NotificationsModule,
  SettlementModule,
  ReportsModule,
];

/** Every resolver class, for printing the schema without starting the server. */
export const RESOLVERS = [
  TestClockResolver,
  JobResolver,
  ...CALENDAR_RESOLVERS,
  ...IDENTITY_RESOLVERS,
  ...LEDGER_RESOLVERS,
  ...PAYMENTS_RESOLVERS,
  ...MEMBERSHIP_RESOLVERS,
  ...CATALOG_RESOLVERS,
  ...BOOKING_RESOLVERS,
  ...COMMERCE_RESOLVERS,
  ...MEDIA_RESOLVERS,
  ...SUBSCRIPTIONS_RESOLVERS,
  ...AFFILIATE_RESOLVERS,
  ...NOTIFICATIONS_RESOLVERS,
  ...SETTLEMENT_RESOLVERS,
  ...REPORTS_RESOLVERS,
];

export const GRAPHQL_BUILD_OPTIONS: BuildSchemaOptions = { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] };

@Module({})
export class AppModule implements NestModule {
  static forRoot({ config, databaseUrl, queryCounter }: AppOptions): DynamicModule {
    const logger = new Logger('GraphQL');
    const compiledExecution = new CompiledExecution();
    let schema: GraphQLSchema | undefined;
    return {
      module: AppModule,
      imports: [
        CommonModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, queryCounter, config.databasePoolSize)),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [PublicResponseCache, MutationRateLimiter, Metrics, Authenticator, LiveUpdates],
          useFactory: (cache: PublicResponseCache, limiter: MutationRateLimiter, metrics: Metrics, authenticator: Authenticator, live: LiveUpdates) => ({
            path: '/graphql',
            autoSchemaFile: true,
            // Sorted here rather than by `sortSchema` (which sorts after this hook into a new schema), so that the
            // schema compiled execution is handed is the very one graphql-ws and Apollo's validation use.
            transformSchema: (built: GraphQLSchema) => (schema = lexicographicSortSchema(built)),
            // Tracing's GraphQL spans (the operation, its resolvers) come from patching graphql-js's `execute`: traced processes keep it.
            ...(config.graphqlCompiledExecution && !tracingRequested(process.env) ? { gateway: compiledExecution.gateway(() => schema!) } : {}),
            buildSchemaOptions: GRAPHQL_BUILD_OPTIONS,
            context: ({ req }: { req: unknown }) => ({ req }),
            playground: false,
            introspection: config.nodeEnv !== 'production',
            includeStacktraceInErrorResponses: false,
            formatError: config.nodeEnv === 'production' ? formatGraphQLErrorWithoutSuggestions : formatGraphQLError,
            // Parsing stops at the limit, so a huge document costs no more than a small one before it is refused.
            parseOptions: { maxTokens: config.graphqlMaxTokens },
            stringifyResult: cappedResultStringifier(config.graphqlMaxResponseBytes),
            subscriptions: { 'graphql-ws': graphqlWsOptions(authenticator, live, config.nodeEnv === 'production') },
            plugins: [
              graphqlMetricsPlugin(metrics),
              queryLimitsPlugin(config),
              operationDeadlinePlugin(config.graphqlMaxExecutionMs),
              errorLoggingPlugin(logger),
              // No cache hints are used; the default cache-control plugin would wrap every field resolver to collect them.
              ApolloServerPluginCacheControlDisabled(),
              publicResponseCachePlugin(cache),
              mutationRateLimitPlugin(limiter, authenticator, logger),
              ...(config.nodeEnv === 'production' ? [] : [ApolloServerPluginLandingPageLocalDefault({ embed: true })]),
            ],
          }),
        }),
        ...DOMAIN_MODULES,
      ],
      controllers: [HealthController],
      providers: [
        Readiness,
        { provide: CompiledExecution, useValue: compiledExecution },
        { provide: APP_PIPE, useClass: RejectMalformedTextPipe },
        { provide: APP_PIPE, useValue: new InputValidationPipe() },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PublicResponseCacheMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.POST });
  }
}
