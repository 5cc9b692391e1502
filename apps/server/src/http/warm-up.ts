import type { Express } from 'express';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mintToken } from '../auth/token-minter.js';
import { contractOperations, supportedServiceVersions } from '../contract/contract.js';

const warmUpRequests = new WeakSet<IncomingMessage>();

/** Whether a request is one of the warm-up's own, which the request log leaves out. */
export function isWarmUp(req: IncomingMessage): boolean {
  return warmUpRequests.has(req);
}

// The token names a scid that no path below names, so every call is refused with 403
// before the store is read or written.
const PATH_VALUES: Record<string, string> = {
  ownerId: 'me',
  scid: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
  gameClipId: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
  ratingValue: '3',
};

function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends each operation of the contract through the app once, on a private loopback port,
 * so the contract validator compiles its request and response validators (it compiles them
 * lazily, on an operation's first request) and the token check runs once, before the first
 * client waits for them. Nothing is read or written: each call is a 403.
 */
export async function warmUp(app: Express, tokenSecret: Uint8Array): Promise<void> {
  const server = createServer((req, res) => {
    warmUpRequests.add(req);
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  try {
    const { port } = server.address() as AddressInfo;
    const authorization = await mintToken(tokenSecret, { xuid: '0', scid: 'warm-up', ttlSeconds: 60 });
    const headers = { Authorization: authorization, 'X-RequestedServiceVersion': supportedServiceVersions[0]! };
    for (const operation of contractOperations) {
      const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => PATH_VALUES[name] ?? 'x');
      // The validator keeps its validators per content type too: this is the one clients send.
      if (operation.hasBody) {
        await send(port, operation.method, path, { ...headers, 'Content-Type': 'application/json' }, '{"userCaption":"warm-up"}');
      } else {
        await send(port, operation.method, path, headers);
      }
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
