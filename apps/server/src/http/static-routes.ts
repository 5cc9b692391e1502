import { Router } from 'express';
import { contractText } from '@gameclips/contract';
import { ServiceError } from '../errors/service-error.js';
import type { ClipStore } from '../store/clip-store.js';
import { docsPage } from './docs-page.js';

const STATIC_PATHS: ReadonlySet<string> = new Set(['/docs', '/openapi.yaml', '/healthz']);

/**
 * Whether a path may be one staticRoutes answers (its router matches paths in any case, with
 * or without a trailing slash); other requests need not go through that router.
 */
export function isStaticPath(path: string): boolean {
  const lower = path.toLowerCase();
  return STATIC_PATHS.has(lower.endsWith('/') ? lower.slice(0, -1) : lower);
}

/** `/docs` (the Redoc page), `/openapi.yaml` (the contract) and `/healthz` (checks the store). */
export function staticRoutes(store: ClipStore): Router {
  const router = Router();

  router.get(['/docs', '/docs/'], docsPage());

  router.get('/openapi.yaml', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('application/yaml').send(contractText);
  });

  router.get('/healthz', async (_req, res) => {
    try {
      await store.check();
    } catch (error) {
      throw new ServiceError('ServiceUnavailable', 'The store is not available', { cause: error, headers: { 'Retry-After': '5' } });
    }
    res.json({ status: 'ok', store: store.engine });
  });

  return router;
}
