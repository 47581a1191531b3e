import { Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '../context/request-context.js';
import { TransactionalConnection } from '../database/transactional-connection.js';

export type DemoDataSeeder = (ctx: RequestContext) => Promise<void>;

/**
 * Libraries register idempotent seeders that fill a fresh local database with something to try;
 * they run in registration order (module import order), each in its own transaction.
 */
@Injectable()
export class DemoDataRegistry {
  private readonly logger = new Logger(DemoDataRegistry.name);
  private readonly seeders: Array<{ name: string; seed: DemoDataSeeder }> = [];

  constructor(private readonly connection: TransactionalConnection) {}

  register(name: string, seed: DemoDataSeeder): void {
    this.seeders.push({ name, seed });
  }

  async seedAll(): Promise<void> {
    for (const { name, seed } of this.seeders) {
      const ctx = RequestContext.system(`demo-data:${name}`);
      await this.connection.withTransaction(ctx, () => seed(ctx));
      this.logger.log(`demo data ready: ${name}`);
    }
  }
}
