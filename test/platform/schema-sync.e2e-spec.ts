import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('leave the database exactly as the entities describe it (every entity change has a migration)', async () => {
    const pending = await t.app.get(DataSource).driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are all applied, and /ready says so', async () => {
    expect(await t.app.get(DataSource).showMigrations()).toBe(false);
  });
});
