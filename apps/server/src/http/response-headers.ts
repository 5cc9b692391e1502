import type { RequestHandler } from 'express';
import { supportedContractVersions, supportedServiceVersions } from '@gameclips/contract';
import { ServiceError } from '../errors/service-error.js';
import { routedOperation } from './routed-operation.js';

/** The headers every response carries, the service version that served it first. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-RequestedServiceVersion': supportedServiceVersions[0]!,
  'Cache-Control': 'private, no-cache',
  Vary: 'Authorization, Accept, Accept-Encoding, X-RequestedServiceVersion, x-xbl-contract-version',
};

/**
 * Sets the headers every response carries. Clip data is per caller, so caches may keep it
 * only privately and must revalidate.
 */
export const responseHeaders: RequestHandler = (req, res, next) => {
  for (const name in COMMON_HEADERS) res.setHeader(name, COMMON_HEADERS[name]!);
  if (req.httpVersionMinor >= 1 && req.headers.host === undefined) {
    throw new ServiceError('MalformedHttp', 'An HTTP/1.1 request needs a Host header');
  }
  next();
};

function isDownload(req: Parameters<RequestHandler>[0]): boolean {
  const operationId = routedOperation(req)?.operationId;
  return operationId === 'downloadClip' || operationId === 'downloadThumbnail';
}

/** The headers that name a version, each with the values the contract supports. */
const VERSION_HEADERS = [
  ['X-RequestedServiceVersion', supportedServiceVersions],
  ['x-xbl-contract-version', supportedContractVersions],
] as const;

/**
 * For requests to an operation: a version must be given, in `X-RequestedServiceVersion` or
 * `x-xbl-contract-version` (400), each one given must be supported (406), and `Accept` must
 * allow JSON (406). Runs right after routing, before the body is read and validated, as the
 * service checks the version before anything else of a request.
 */
export const negotiate: RequestHandler = (req, _res, next) => {
  if (!routedOperation(req)) return next();
  let given = 0;
  for (const [name, supported] of VERSION_HEADERS) {
    const version = req.get(name);
    if (version === undefined || version.trim() === '') continue;
    given += 1;
    if (!supported.includes(version.trim())) {
      throw new ServiceError('UnsupportedServiceVersion', `Unsupported ${name}: ${version.slice(0, 32)} (supported: ${supported.join(', ')})`);
    }
  }
  if (given === 0) throw new ServiceError('MissingServiceVersion');
  const accept = req.headers.accept;
  // The usual values skip the full negotiation. Downloads are not negotiated: their body is the file.
  if (accept && accept !== 'application/json' && accept !== '*/*' && !isDownload(req) && !req.accepts('application/json')) throw new ServiceError('NotAcceptable');
  next();
};
