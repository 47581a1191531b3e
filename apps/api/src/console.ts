import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `node scripts/console.mjs build` writes the console: dist/console, beside the compiled server (dist/apps/api/src). */
export const CONSOLE_DIR = fileURLToPath(new URL('../../../console', import.meta.url));

/** Vite names bundled files by their content, so they never change under one name; index.html names the current ones. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * Serves the console (apps/console) at /console: its bundled files with cache headers, and index.html for every
 * other path under it so the single-page app's own routes survive a reload. Without a built console (a server
 * started from the compiled code alone) nothing is served there; answers whether it is.
 */
export function serveConsole(app: NestExpressApplication, dir = CONSOLE_DIR): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(dir, {
    prefix: '/console',
    index: false,
    redirect: false,
    setHeaders: (res, path) => res.setHeader('cache-control', path.startsWith(join(dir, 'assets')) ? IMMUTABLE : REVALIDATE),
  });
  const routes = app.getHttpAdapter().getInstance() as Express;
  // Without the slash, the page's relative paths would resolve outside /console/ (routing here ignores a trailing slash).
  routes.get('/console', (req, res, next) => (req.path === '/console' ? res.redirect(301, '/console/') : next()));
  routes.get('/console/{*path}', (req, res, next) => {
    // A missing bundle file is a 404, never the page: a browser would run HTML as a script or style sheet.
    if (req.path.startsWith('/console/assets/')) return next();
    res.setHeader('cache-control', REVALIDATE);
    res.sendFile(index);
  });
  return true;
}
