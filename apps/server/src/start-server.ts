import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GameClip } from '@gameclips/types';
import type { Logger } from 'pino';
import { mintToken, type TokenClaims } from './auth/token-minter.js';
import { resolveTokenSecret, secretKeyOf, type TokenSecret } from './auth/token-secret.js';
import { createServer } from './create-server.js';
import { clientErrorHandler } from './http/client-error.js';
import type { FaultOptions } from './http/fault-injection.js';
import type { ClipStore } from './store/clip-store.js';
import { demo, demoClips } from './store/demo-clips.js';
import { loadClips } from './store/load-clips.js';
import { openStore, type StoreOptions } from './store/open-store.js';

/** Options of a running reference server. */
export interface StartServerOptions extends StoreOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
  /** `demo` loads the demo clips into an empty store, `none` (default) nothing; or clips to insert, or a JSON file of them. */
  seed?: 'demo' | 'none' | readonly GameClip[] | { file: string };
  /** Token key (at least 32 bytes of UTF-8); by default GAMECLIPS_TOKEN_SECRET, else a key kept beside the database. */
  tokenSecret?: string;
  /** How many users' flags make a clip Flagged; 1 by default. */
  flagThreshold?: number;
  /** Validate every response against the contract; true by default. */
  validateResponses?: boolean;
  /** Benchmarking only: `false` skips the schema checks of requests (see CreateServerOptions). */
  validateRequests?: boolean;
  /** Faults to inject (503/429 with Retry-After, latency). */
  faults?: FaultOptions;
  /** Request logger; silent by default. */
  logger?: Logger;
  /** Time a client has to send a whole request; 30 s by default. */
  requestTimeoutMs?: number;
  /** Time a client has to send the request headers; 10 s by default. */
  headersTimeoutMs?: number;
  /** The public base URL of upload and download URIs; the URL the server listens on by default. */
  publicUrl?: string;
  /** Most bytes one user's clips may take; 10 GiB by default. */
  quotaBytes?: number;
  /** How long an upload reservation waits for its last block; 24 hours by default. */
  uploadTtlMs?: number;
  /** How long a complete upload stays Processing before it is Published; 200 ms by default. */
  processingDelayMs?: number;
}

/** A listening URL as clients on this machine reach it: `0.0.0.0` and `[::]` (every interface) become `localhost`. */
export function reachableUrl(url: string): string {
  return url.replace('//0.0.0.0:', '//localhost:').replace('//[::]:', '//localhost:');
}

/** A reference server listening on a port. */
export interface RunningServer {
  /** Base URL, such as `http://127.0.0.1:41234`. */
  url: string;
  /** Port it listens on. */
  port: number;
  /** The store it serves. */
  store: ClipStore;
  /** How many clips the seed loaded (0 when the store was not empty). */
  seeded: number;
  /** Where the token key came from. */
  tokenSecret: Omit<TokenSecret, 'key'>;
  /** The token key itself, for tools that mint tokens out of process (the CLI's `token`). */
  tokenKey(): Uint8Array;
  /** The ids of the demo data. */
  demo: typeof demo;
  /** Mints a token this server accepts; the `Authorization` value by default. */
  mintToken(claims: TokenClaims): Promise<string>;
  /** Changes fault injection while serving. */
  setFaults(faults: FaultOptions): void;
  /** Stops accepting connections, ends idle ones, waits for the rest, closes the store. */
  close(): Promise<void>;
}

async function seedClips(store: ClipStore, seed: StartServerOptions['seed']): Promise<number> {
  if (seed === undefined || seed === 'none') return 0;
  if (seed === 'demo') {
    if ((await store.countClips()) > 0) return 0;
    try {
      return await loadClips(store, demoClips);
    } catch (error) {
      // Another instance on the same database seeded it between the count and the insert.
      if ((await store.countClips()) > 0) return 0;
      throw error;
    }
  }
  const clips = 'file' in seed ? JSON.parse(await readFile(seed.file, 'utf8')) : seed;
  return loadClips(store, clips);
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Starts the reference server: opens the store, seeds it, listens. For tests and tools:
 * `const server = await startServer({ seed: 'demo' })` serves an in-memory store on a free
 * port of 127.0.0.1.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { port = 0, host = '127.0.0.1' } = options;
  const store = await openStore(options);
  try {
    const seeded = await seedClips(store, options.seed);
    const secret: TokenSecret = options.tokenSecret
      ? { key: secretKeyOf(options.tokenSecret, 'The tokenSecret option'), source: 'env' }
      : resolveTokenSecret(options.store === 'postgres' ? ':memory:' : (options.db ?? ':memory:'));
    const server = createServer({
      store,
      tokenSecret: secret.key,
      ...(options.flagThreshold === undefined ? {} : { flagThreshold: options.flagThreshold }),
      ...(options.validateResponses === undefined ? {} : { validateResponses: options.validateResponses }),
      ...(options.validateRequests === undefined ? {} : { validateRequests: options.validateRequests }),
      ...(options.faults ? { faults: options.faults } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
      ...(options.quotaBytes === undefined ? {} : { quotaBytes: options.quotaBytes }),
      ...(options.uploadTtlMs === undefined ? {} : { uploadTtlMs: options.uploadTtlMs }),
      ...(options.processingDelayMs === undefined ? {} : { processingDelayMs: options.processingDelayMs }),
    });
    // Compile the validators now rather than on the first clients' requests; a failure only
    // means they compile on first use.
    await server.warmUp().catch((error: unknown) => server.logger.warn({ err: error }, 'warm-up failed'));
    const headersTimeout = options.headersTimeoutMs ?? 10_000;
    // Node enforces both timeouts only when it checks its connections, every 30 s by default:
    // check often enough that a slow client is cut off close to the configured time.
    const connectionsCheckingInterval = Math.max(100, Math.min(1_000, headersTimeout / 2));
    const http = createHttpServer(
      // Node would refuse a request without Host with a bare 400; the app answers it instead.
      { maxHeaderSize: 16 * 1024, connectionsCheckingInterval, requireHostHeader: false },
      server.app,
    );
    http.on('clientError', clientErrorHandler(server.logger));
    http.requestTimeout = options.requestTimeoutMs ?? 30_000;
    http.headersTimeout = headersTimeout;
    http.keepAliveTimeout = 5_000;
    http.maxRequestsPerSocket = 10_000;
    const address = await listen(http, port, host);
    const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${urlHost}:${address.port}`;
    server.useListeningUrl(reachableUrl(url));
    // Publishes what processing finished and expires abandoned reservations, also those another instance left.
    server.uploads.start((error) => server.logger.warn({ err: error }, 'upload sweep failed'));
    let closing: Promise<void> | undefined;
    return {
      url,
      port: address.port,
      store,
      seeded,
      tokenSecret: { source: secret.source, ...(secret.path ? { path: secret.path } : {}) },
      demo,
      tokenKey: () => secret.key,
      mintToken: (claims) => mintToken(secret.key, claims),
      setFaults: (faults) => server.faults.set(faults),
      close: () =>
        (closing ??= new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeIdleConnections();
        })
          .then(() => server.uploads.stop())
          .then(() => store.close())),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
