import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { RequestHandler } from 'express';
import { ServiceError } from '../errors/service-error.js';

interface DocsPage {
  identity: Buffer;
  gzip: Buffer;
  etag: string;
}

function loadDocsPage(): DocsPage | undefined {
  let identity: Buffer;
  try {
    identity = readFileSync(fileURLToPath(import.meta.resolve('@gameclips/docs/index.html')));
  } catch {
    return undefined;
  }
  const etag = `"docs-${createHash('sha256').update(identity).digest('hex').slice(0, 20)}"`;
  return { identity, gzip: gzipSync(identity), etag };
}

/**
 * `/docs`, the Redoc page (about 2.5 MB), read and compressed once and then sent from memory:
 * every response shares the same two buffers, so answers queued on a connection cost almost
 * nothing. `Range`, `If-Match` and `If-Unmodified-Since` are ignored (a whole 200);
 * `If-None-Match` with the page's ETag is a 304.
 */
export function docsPage(): RequestHandler {
  let page: DocsPage | undefined | null = null;
  return (req, res) => {
    if (page === null) page = loadDocsPage();
    if (!page) throw new ServiceError('RouteNotFound', 'The docs page is not built: run `npm run build`');
    const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
    // no-transform: response compression (compressBody) leaves the shared buffers alone.
    res.setHeader('Cache-Control', 'public, max-age=300, no-transform');
    res.setHeader('ETag', page.etag);
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.type('html').send(gzip ? page.gzip : page.identity);
  };
}
