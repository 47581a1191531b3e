import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { RequestContext, TransactionalConnection, loadConfig, renderEnvExample, resolveDatabase } from '../../../libs/common/src/index.js';
import { UserService } from '../../../libs/identity/src/index.js';
import { AppModule, GRAPHQL_BUILD_OPTIONS, RESOLVERS } from './app.module.js';
import { dataSourceOptions } from './database.js';
import { runMigrations } from './migrate.js';

const USAGE = `Usage: node dist/apps/api/src/cli.js <command>
  migration:run                      apply pending migrations
  migration:revert                   revert the last applied migration
  migration:generate <dir> <Name>    write a migration for the difference between entities and database
  operator:create <email> <password> [name]   create or promote an operator (idempotent)
  schema:print [file]                write the GraphQL schema (default: schema.graphql)
  env:example [file]                 write every environment variable with its default (default: .env.example)
DATABASE_URL selects the database; without it the embedded one under DURE_DATA_DIR is started.`;

async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await resolveDatabase(config, (m) => console.error(m));
  try {
    return await work(database.url);
  } finally {
    await database.stop();
  }
}

async function generateMigration(dir: string, name: string): Promise<void> {
  await withDatabase(async (url) => {
    await runMigrations(url);
    const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
    try {
      const sql = await dataSource.driver.createSchemaBuilder().log();
      if (!sql.upQueries.length) return console.log('No changes: entities and database agree.');
      const timestamp = Date.now();
      const className = `${name}${timestamp}`;
      const lines = (queries: typeof sql.upQueries) => queries.map((q) => `    await q.query(${JSON.stringify(q.query)});`).join('\n');
      const file = join(dir, `${timestamp}-${name.replace(/[A-Z]/g, (c, i) => (i ? '-' : '') + c.toLowerCase())}.ts`);
      writeFileSync(
        file,
        `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n` +
          `  async up(q: QueryRunner): Promise<void> {\n${lines(sql.upQueries)}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${lines(sql.downQueries.reverse())}\n  }\n}\n`,
      );
      console.log(`Wrote ${file}; add it to MIGRATIONS in apps/api/src/database.ts and review it.`);
    } finally {
      await dataSource.destroy();
    }
  });
}

/** Builds the schema from the resolvers alone (no database), sorted, as committed in schema.graphql. */
async function printGraphQLSchema(file: string): Promise<void> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  const schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS, GRAPHQL_BUILD_OPTIONS);
  writeFileSync(file, `${printSchema(lexicographicSortSchema(schema))}\n`);
  await app.close();
  console.log(`Wrote ${file}`);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'migration:run':
      return withDatabase(async (url) => console.log((await runMigrations(url)).join('\n') || 'No pending migrations.'));
    case 'migration:revert':
      return withDatabase(async (url) => {
        const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
        await dataSource.undoLastMigration({ transaction: 'each' });
        await dataSource.destroy();
      });
    case 'migration:generate':
      if (args.length !== 2) break;
      return generateMigration(args[0], args[1]);
    case 'operator:create':
      if (args.length < 2) break;
      return withDatabase(async (url) => {
        await runMigrations(url);
        const config = loadConfig({ ...process.env, DURE_RUN_JOBS: 'false' });
        const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: url }), { logger: false });
        const ctx = RequestContext.system('cli');
        const users = app.get(UserService);
        const user = await app.get(TransactionalConnection).withTransaction(ctx, () => users.ensureOperator(ctx, args[0], args[1], args[2]));
        console.log(`Operator ${user.email} (${user.id}) is ready.`);
        await app.close();
      });
    case 'schema:print':
      return printGraphQLSchema(args[0] ?? 'schema.graphql');
    case 'env:example': {
      const file = args[0] ?? '.env.example';
      writeFileSync(file, renderEnvExample());
      return console.log(`Wrote ${file}`);
    }
  }
  console.error(USAGE);
  process.exitCode = 1;
}

await main();
