import type { Logger as TypeOrmLogger } from 'typeorm';

/** A TypeORM logger that counts statements (for tests and benchmarks of N+1 freedom) and logs failures. */
export class QueryCounter implements TypeOrmLogger {
  count = 0;

  constructor(private readonly onError: (message: string) => void = () => undefined) {}

  logQuery(): void {
    this.count++;
  }
  logQueryError(error: string | Error, query: string): void {
    this.count++;
    this.onError(`${String(error)} in ${query}`);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
