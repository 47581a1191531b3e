import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccessGuard } from './auth/access.guard.js';
import { Authenticator } from './auth/authenticator.js';
import { jwtKey } from './auth/jwt-key.js';
import { ClockService } from './clock/clock.service.js';
import { TestClockResolver } from './clock/test-clock.resolver.js';
import { DureConfig } from './config/dure-config.js';
import { TransactionInterceptor } from './context/transaction.interceptor.js';
import { ArgumentPathInterceptor } from './errors/argument-paths.js';
import { AutonomousConnection } from './database/autonomous-connection.js';
import { DataChangeFeed } from './database/data-change-feed.js';
import { PostgresListener } from './database/postgres-listener.js';
import { TransactionalConnection } from './database/transactional-connection.js';
import { DemoDataRegistry } from './demo/demo-data.registry.js';
import { PublicResponseCache } from './graphql/public-response-cache.js';
import { JobQueueService } from './jobs/job-queue.service.js';
import { DatabaseMetrics } from './metrics/database-metrics.js';
import { JobMetrics } from './metrics/job-metrics.js';
import { Metrics } from './metrics/metrics.js';
import { JobResolver } from './jobs/job.resolver.js';
import { LiveUpdates } from './live/live-updates.js';
import { MutationRateLimiter } from './rate-limit/mutation-rate-limiter.js';

/** Shared infrastructure every domain library relies on: config, clock, transactions, jobs, auth, mutation rate limits, metrics. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: DureConfig): DynamicModule {
    return {
      module: CommonModule,
      imports: [JwtModule.register({ secret: jwtKey(config.jwtSecret), signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } })],
      providers: [
        { provide: DureConfig, useValue: config },
        ClockService,
        PostgresListener,
        DataChangeFeed,
        LiveUpdates,
        TransactionalConnection,
        AutonomousConnection,
        PublicResponseCache,
        JobQueueService,
        JobResolver,
        DemoDataRegistry,
        TestClockResolver,
        Authenticator,
        MutationRateLimiter,
        Metrics,
        DatabaseMetrics,
        JobMetrics,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: TransactionInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ArgumentPathInterceptor },
      ],
      exports: [
        DureConfig,
        Authenticator,
        ClockService,
        DataChangeFeed,
        LiveUpdates,
        TransactionalConnection,
        AutonomousConnection,
        PublicResponseCache,
        MutationRateLimiter,
        JobQueueService,
        DemoDataRegistry,
        Metrics,
        JwtModule,
      ],
    };
  }
}
