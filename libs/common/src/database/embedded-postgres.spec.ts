import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { socketDirectory } from './embedded-postgres.js';

describe('the embedded PostgreSQL socket', () => {
  it('lives in the data folder', () => {
    expect(socketDirectory('/srv/dure/.dure/pgdata', 54321)).toBe('/srv/dure/.dure/pgdata');
  });

  it('moves to the temporary folder when the data folder is too deep for a socket path', () => {
    const deep = join('/srv', 'd'.repeat(90), 'pgdata');
    expect(socketDirectory(deep, 54321)).toBe(tmpdir());
  });
});
