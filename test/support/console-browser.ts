import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { exited, serverProcessEnv, startServerProcess, type ServerProcess } from './server-process.js';
import { OPERATOR_ENV, createTestApp, type TestApp } from './test-app.js';

/** Debian's Chromium (.ci/run installs it); playwright-core downloads no browser of its own. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = 'docs/console';
const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

/**
 * The console (apps/console) in a real browser against the production server on a fresh database. Call
 * in a describe block: it builds the console (skipped when nothing changed, scripts/console.mjs), starts a
 * server process and Chromium before the tests, and stops them after. `env` goes to both the test app and
 * the server process (e.g. DURE_TEST_CLOCK: '1').
 */
export function consoleInBrowser(env: Record<string, string> = {}) {
  const harness = {
    t: undefined as unknown as TestApp,
    server: undefined as unknown as ServerProcess,
    browser: undefined as unknown as Browser,

    async newPage(): Promise<Page> {
      const context = await harness.browser.newContext({
        locale: 'ko-KR',
        timezoneId: 'Asia/Seoul',
        viewport: { width: 1280, height: 800 },
        // The console then skips its transitions (respectReducedMotion), so a closing dialog is gone, not fading.
        reducedMotion: 'reduce',
      });
      return context.newPage();
    },

    async logIn(page: Page, email: string, password: string): Promise<void> {
      await page.goto(`${harness.server.url}/console/`);
      await page.getByLabel('이메일').fill(email);
      await page.getByLabel('비밀번호').fill(password);
      await page.getByRole('button', { name: '로그인' }).click();
    },

    /** axe-core's verdict on the page as it is now (no serious or critical violation expected), then a screenshot in docs/console/. */
    async checkAccessibilityAndPhotograph(page: Page, name: string): Promise<void> {
      // axe judges the screen at rest: a dialog mid-transition has a half-faded title (contrast) or none.
      await page.waitForFunction('document.getAnimations().every((a) => a.constructor.name !== "CSSTransition" || a.playState !== "running")');
      await page.addScriptTag({ content: AXE });
      const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as {
        violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[]; html: string; any: Array<{ data: unknown }> }> }>;
      };
      const serious = result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => `${node.html.slice(0, 80)} ${JSON.stringify(node.any[0]?.data ?? {})}`).join(', ')}`,
        );
      expect({ screen: name, serious }).toEqual({ screen: name, serious: [] });
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
    },
  };

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/console.mjs', 'build'], { stdio: 'inherit' });
    harness.t = await createTestApp({ ...OPERATOR_ENV, ...env });
    harness.server = await startServerProcess({ ...serverProcessEnv(harness.t), ...OPERATOR_ENV, ...env });
    // As root (CI) Chromium needs --no-sandbox.
    harness.browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await harness.browser?.close();
    if (harness.server) {
      harness.server.process.kill('SIGTERM');
      await exited(harness.server.process);
    }
    await harness.t?.close();
  });

  return harness;
}
