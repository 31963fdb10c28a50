import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { type INestApplication, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

const YEAR_S = 365 * 24 * 3600;

/**
 * Serves the built web UI (agent desktop, supervisor view, customer widget) from `dir` at `/`,
 * so `npm start` is the whole product. Vite names assets by content hash, so they are cached
 * for good; pages are revalidated so a deploy shows at the next load. `off` serves nothing; an
 * unbuilt UI is a warning, not a failure (the API works without it).
 */
export function serveWebUi(app: INestApplication, dir: string): void {
  if (dir === 'off') return;
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    new Logger('WebUi').warn(`No web UI at ${root} (run npm run build:web); serving the API only`);
    return;
  }
  (app as NestExpressApplication).useStaticAssets(root, {
    index: 'index.html',
    redirect: true,
    setHeaders: (res, path) => {
      const immutable = path.includes(`${sep}assets${sep}`);
      res.setHeader(
        'cache-control',
        immutable ? `public, max-age=${YEAR_S}, immutable` : 'no-cache',
      );
    },
  });
}
