import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { ServiceError } from '../errors/service-error.js';
import { contextOf } from './request-context.js';
import { requestMediaTypes, routedOperation } from './routed-operation.js';
import { bodyLimitFor } from './upload-body.js';

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
  headers?: Record<string, string>;
  errors?: Array<{ path?: string; message?: string }>;
}

function validationMessage(errors: NonNullable<HttpLikeError['errors']>): string {
  return errors
    .slice(0, 5)
    .map((e) => `${(e.path ?? '').replace(/^\.?/, '')} ${e.message ?? ''}`.trim())
    .join('; ');
}

/** The media types the routed operation's body may have, `application/json` when it names none. */
function expectedMediaTypes(res: Response): string {
  const operation = routedOperation(res.req);
  const types = operation ? requestMediaTypes(operation) : [];
  return types.length > 0 ? types.join(' or ') : 'application/json';
}

/**
 * Any error, ours or a library's, as the ServiceError it reports. Errors from the body
 * parser and the contract validator are mapped by status; anything else is an internal
 * error, reported without its details.
 */
export function toServiceError(error: unknown, res: Response, bodyLimitBytes: number): ServiceError {
  if (error instanceof ServiceError) return error;
  const e = (error ?? {}) as HttpLikeError;
  const status = e.status ?? e.statusCode;
  if (e.type === 'entity.parse.failed') return new ServiceError('MalformedJson', 'The request body is not valid JSON', { cause: error });
  if (e.type === 'entity.too.large' || status === 413) {
    return new ServiceError('PayloadTooLarge', `The request body is larger than ${bodyLimitFor(res.req.path, bodyLimitBytes)} bytes`, { cause: error });
  }
  if (e.type === 'entity.verify.failed') {
    return new ServiceError('InvalidRequest', e.message || 'The request body is not valid UTF-8', { cause: error });
  }
  if (e.type === 'encoding.unsupported') {
    const encoding = (res.req.get('Content-Encoding') ?? '').slice(0, 40);
    return new ServiceError('UnsupportedMediaType', `Unsupported Content-Encoding: ${encoding} (supported: gzip, deflate, identity)`, { cause: error });
  }
  if (e.type === 'charset.unsupported' || status === 415) {
    const contentType = res.req.get('Content-Type');
    const expected = expectedMediaTypes(res);
    const message = contentType
      ? `Unsupported Content-Type: ${contentType.slice(0, 100)} (expected ${expected})`
      : `The request body must be ${expected}, with Content-Type: ${expected}`;
    return new ServiceError('UnsupportedMediaType', message, { cause: error });
  }
  switch (status) {
    case 400: {
      const errors = e.errors ?? [];
      if (errors.some((x) => /x-requestedserviceversion/i.test(x.path ?? '') && /required/.test(x.message ?? ''))) {
        return new ServiceError('MissingServiceVersion', undefined, { cause: error });
      }
      const detail = errors.length > 0 ? validationMessage(errors) : e.message;
      return new ServiceError('InvalidRequest', detail || undefined, { cause: error });
    }
    case 401:
      return (
        contextOf(res).authFailure ??
        new ServiceError(res.req.get('Authorization') ? 'InvalidToken' : 'MissingToken', undefined, { cause: error })
      );
    case 404:
      return new ServiceError('RouteNotFound', undefined, { cause: error });
    case 405:
      return new ServiceError('MethodNotAllowed', undefined, {
        cause: error,
        headers: e.headers?.Allow ? { Allow: e.headers.Allow } : {},
      });
    default:
      return new ServiceError('InternalError', undefined, { cause: error });
  }
}

/** The one error path: every error becomes a ServiceErrorResponse with its status. */
export function errorHandler(logger: Logger, bodyLimitBytes: number): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const serviceError = toServiceError(error, res, bodyLimitBytes);
    contextOf(res).error = serviceError;
    if (serviceError.status >= 500 && serviceError.code === 'InternalError') {
      logger.error({ err: error, method: req.method, path: req.path }, 'internal error');
    }
    for (const [name, value] of Object.entries(serviceError.headers)) res.setHeader(name, value);
    res.removeHeader('ETag');
    res.status(serviceError.status).json({ errorCode: serviceError.errorCode, errorMessage: serviceError.message });
  };
}

/** Requests no route took: a JSON 404 rather than Express's HTML page. */
export const notFound: RequestHandler = () => {
  throw new ServiceError('RouteNotFound');
};
