import { readFileSync } from 'node:fs';
import { CONFIG_VARIABLES, loadConfig } from './dure-config.js';
import { renderEnvExample } from './env-example.js';

describe('.env.example', () => {
  it('is what `npm run env:example` writes from CONFIG_VARIABLES (run it and commit the file when this fails)', () => {
    expect(readFileSync('.env.example', 'utf8')).toBe(renderEnvExample());
  });

  it('lists exactly the variables loadConfig reads', () => {
    const read = new Set<string>();
    // Settings read only for a chosen provider are asked for with that provider chosen.
    const chosen = { ALIMTALK_PROVIDER: 'solapi', SOLAPI_API_KEY: 'k', SOLAPI_API_SECRET: 's', SOLAPI_PF_ID: 'pf', SOLAPI_SENDER_NUMBER: '0212345678' };
    const env = new Proxy({ JWT_SECRET: 'a'.repeat(32), DURE_DATA_DIR: '/tmp/dure-config-spec', ...chosen } as Record<string, string | undefined>, {
      get: (target, name: string) => (read.add(name), target[name]),
    });
    loadConfig(env);
    expect([...read].sort()).toEqual(Object.keys(CONFIG_VARIABLES).sort());
  });
});
