import { isUtf8 } from 'node:buffer';
import { createHmac } from 'node:crypto';
import express, { type Express } from 'express';
import { pino, type Logger } from 'pino';
import { mintToken } from './auth/token-minter.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { ClipService } from './domain/clip-service.js';
import { UploadService } from './domain/upload-service.js';
import { ServiceError } from './errors/service-error.js';
import { compressBody } from './http/compress-body.js';
import { cors } from './http/cors.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { FaultInjector, type FaultOptions } from './http/fault-injection.js';
import { dispatch } from './http/handlers.js';
import { openApiValidator, ROUTING_OPTIONS } from './http/openapi-validator.js';
import { requestLog } from './http/request-log.js';
import { jsonCharset } from './http/json-charset.js';
import { chain } from './http/middleware-chain.js';
import { ownerGuard } from './http/owner-guard.js';
import { pipelineLimit } from './http/pipeline-limit.js';
import { requestLimits } from './http/request-limits.js';
import { responseChecks, validateJsonResponses } from './http/response-validation.js';
import { readBody } from './http/read-body.js';
import { negotiate, responseHeaders } from './http/response-headers.js';
import { isStaticPath, staticRoutes } from './http/static-routes.js';
import { uploadBody, bodyLimitFor } from './http/upload-body.js';
import { warmUp } from './http/warm-up.js';
import type { ClipStore } from './store/clip-store.js';

/** What the app is made of. */
export interface CreateServerOptions {
  /** An open store; the caller owns it and closes it. */
  store: ClipStore;
  /** The key tokens are verified with (HS256). */
  tokenSecret: Uint8Array;
  /** How many users' flags make a clip Flagged; 1 by default. */
  flagThreshold?: number;
  /** Validate every response against the contract; true by default. */
  validateResponses?: boolean;
  /**
   * Benchmarking only: `false` skips the schema checks of requests (routing and auth stay),
   * to measure what validation costs. True by default; never turn it off to serve clients.
   */
  validateRequests?: boolean;
  /** Largest accepted request body in bytes; 65536 by default. */
  bodyLimitBytes?: number;
  /** Faults to inject from the start (see FaultOptions). */
  faults?: FaultOptions;
  /** Where request logs go; silent by default. */
  logger?: Logger;
  /**
   * The public base URL that upload and download URIs are made from (never a request's Host
   * header); by default the URL the server listens on (see `useListeningUrl`).
   */
  publicUrl?: string;
  /** Most bytes one user's clips may take (by their reserved `fileSize`); 10 GiB by default. */
  quotaBytes?: number;
  /** How long a reservation waits for its last block before it expires; 24 hours by default. */
  uploadTtlMs?: number;
  /** How long a complete clip stays Processing before it is Published; 200 ms by default. */
  processingDelayMs?: number;
}

/** The defaults of the upload options. */
const UPLOAD_DEFAULTS = { quotaBytes: 10 * 1024 ** 3, uploadTtlMs: 24 * 3600 * 1000, processingDelayMs: 200 } as const;

/** The app and the parts a runner or a test may need. */
export interface GameClipsServer {
  app: Express;
  store: ClipStore;
  faults: FaultInjector;
  logger: Logger;
  /** The upload rules, with the sweeps a running server starts and stops (see `startServer`). */
  uploads: UploadService;
  /** Makes upload and download URIs from the URL the server listens on, unless `publicUrl` was given. */
  useListeningUrl(url: string): void;
  /**
   * Compiles the contract validator's schemas for every operation, in process; `startServer`
   * does it before listening. Servers of one process share those schemas: only the first warms up.
   */
  warmUp(): Promise<void>;
}

/**
 * Builds the reference server's Express app: contract validation in front of thin handlers
 * over the ClipService. It does not listen; see `startServer` for that.
 */
export function createServer(options: CreateServerOptions): GameClipsServer {
  const { store, tokenSecret, flagThreshold = 1, validateResponses = true, validateRequests = true, bodyLimitBytes = 64 * 1024 } = options;
  const logger = options.logger ?? pino({ level: 'silent' });
  const faults = new FaultInjector(options.faults);
  // Continuation tokens are signed with a key derived from the token secret, so that every
  // instance sharing the secret (and the store) accepts the tokens of the others.
  const pagingKey = createHmac('sha256', tokenSecret).update('gameclips continuation tokens').digest();
  const service = new ClipService(store, { flagThreshold, pagingKey });
  let publicUrl = options.publicUrl ?? 'http://localhost';
  const uploads = new UploadService(store, {
    publicUrl: () => publicUrl,
    quotaBytes: options.quotaBytes ?? UPLOAD_DEFAULTS.quotaBytes,
    uploadTtlMs: options.uploadTtlMs ?? UPLOAD_DEFAULTS.uploadTtlMs,
    processingDelayMs: options.processingDelayMs ?? UPLOAD_DEFAULTS.processingDelayMs,
  });
  const jsonBody = express.json({
    limit: bodyLimitBytes,
    strict: true,
    type: ['application/json', 'application/*+json'],
    // The parser would decode invalid UTF-8 as U+FFFD and store it: refuse it instead.
    verify: (_req, _res, buffer) => {
      if (!isUtf8(buffer)) throw new ServiceError('InvalidRequest', 'The request body is not valid UTF-8');
    },
  });

  const verifier = new TokenVerifier(tokenSecret);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  // Paths are case-sensitive, as the contract's are: the validator's routing reads these settings.
  app.set('case sensitive routing', ROUTING_OPTIONS.sensitive);
  app.set('strict routing', ROUTING_OPTIONS.strict);
  if (validateResponses) validateJsonResponses(app, logger);
  const contract = openApiValidator({ validateRequests, verifier });

  const docs = staticRoutes(store);
  // Every step of a request is one Express layer (see chain) rather than a layer each, which
  // the router would match and wrap one by one: the server's own steps, then the validator's
  // routing (it decides the operation, or answers 404, 405), the server's steps for an
  // operation, the validator's checks of it, and the operation's handler.
  app.use(
    chain(
      pipelineLimit,
      requestLog(logger),
      responseHeaders,
      requestLimits((path) => bodyLimitFor(path, bodyLimitBytes)),
      cors,
      compressBody,
      (req, res, next) => (isStaticPath(req.path) ? docs(req, res, next) : next()),
      ...contract.routing,
      faults.middleware,
      negotiate,
      ownerGuard(verifier),
      readBody({ json: [jsonCharset, jsonBody], bytes: uploadBody }),
      ...contract.validation,
      dispatch(service, uploads),
    ),
  );
  app.use(notFound);
  app.use(errorHandler(logger, bodyLimitBytes));

  // The token names a scid no request names: a request that went further would be refused.
  const warmUpToken = () => mintToken(tokenSecret, { xuid: '0', scid: 'warm-up', ttlSeconds: 60 });
  const warmUpAll = async () => {
    if (validateResponses) responseChecks();
    await contract.warmUpOnce(async () => warmUp(app, contract, await warmUpToken()));
  };
  return {
    app,
    store,
    faults,
    logger,
    uploads,
    useListeningUrl: (url) => {
      if (options.publicUrl === undefined) publicUrl = url;
    },
    warmUp: warmUpAll,
  };
}
