import { Router } from 'express';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contractText } from '../contract/contract.js';
import { ServiceError } from '../errors/service-error.js';
import type { ClipStore } from '../store/clip-store.js';

function docsPath(): string | undefined {
  try {
    const path = fileURLToPath(import.meta.resolve('@gameclips/docs/index.html'));
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** `/docs` (the Redoc page), `/openapi.yaml` (the contract) and `/healthz` (checks the store). */
export function staticRoutes(store: ClipStore): Router {
  const router = Router();
  const docs = docsPath();

  router.get(['/docs', '/docs/'], (_req, res) => {
    if (!docs) throw new ServiceError('RouteNotFound', 'The docs page is not built: run `npm run build`');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.sendFile(docs);
  });

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
