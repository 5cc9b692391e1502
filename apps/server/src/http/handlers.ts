import type { Request, RequestHandler, Response } from 'express';
import type { OperationId, UpdateMetadataRequest } from '@gameclips/types';
import type { Caller } from '../domain/caller.js';
import type { ClipRef, ClipService } from '../domain/clip-service.js';
import { ServiceError } from '../errors/service-error.js';
import { contextOf } from './request-context.js';

/** A request after the contract validator: its operation and path parameters. */
type ValidatedRequest = Request & { openapi?: { schema?: { operationId?: string }; pathParams?: Record<string, string> } };

function pathParams(req: Request): Record<string, string> {
  return (req as ValidatedRequest).openapi?.pathParams ?? {};
}

function clipRef(req: Request): ClipRef {
  const { ownerId, scid, gameClipId } = pathParams(req);
  return { ownerId: ownerId!, scid: scid!, gameClipId: gameClipId! };
}

function callerOf(res: Response): Caller {
  const caller = contextOf(res).caller;
  if (!caller) throw new ServiceError('MissingToken');
  return caller;
}

function written(res: Response, etag: string): void {
  res.setHeader('ETag', etag);
  res.status(200).end();
}

type Handler = (req: Request, res: Response, service: ClipService) => Promise<void>;

/** One thin handler per operationId: HTTP in, a ClipService call, HTTP out. */
export const handlers: Record<OperationId, Handler> = {
  async getClip(req, res, service) {
    const { clip, etag } = await service.getClip(callerOf(res), clipRef(req));
    // The ETag covers the owner's metadata only, not views, ratings or state: a 304 would
    // hide those, so If-None-Match is ignored (Express would answer 304 when it matches).
    delete req.headers['if-none-match'];
    res.setHeader('ETag', etag);
    res.status(200).json({ gameClip: clip });
  },
  async updateClipMetadata(req, res, service) {
    const body = req.body as UpdateMetadataRequest;
    written(res, (await service.updateMetadata(callerOf(res), clipRef(req), body, req.get('If-Match'))).etag);
  },
  async rateClip(req, res, service) {
    // The validator coerces numerals such as `3e0` or `03`; a rating is one digit, 1 to 5.
    const segment = req.path.replace(/\/$/, '').split('/').pop() ?? '';
    if (!/^[1-5]$/.test(segment)) throw new ServiceError('InvalidRequest', 'The rating must be an integer from 1 to 5');
    const rating = Number(segment);
    written(res, (await service.rateClip(callerOf(res), clipRef(req), rating, req.get('If-Match'))).etag);
  },
  async flagClip(req, res, service) {
    written(res, (await service.flagClip(callerOf(res), clipRef(req), req.get('If-Match'))).etag);
  },
  async recordClipView(req, res, service) {
    written(res, (await service.recordClipView(callerOf(res), clipRef(req), req.get('If-Match'))).etag);
  },
};

/** Dispatches a validated request to the handler of its operationId. */
export function dispatch(service: ClipService): RequestHandler {
  return async (req, res, next) => {
    const operationId = (req as ValidatedRequest).openapi?.schema?.operationId as OperationId | undefined;
    const handler = operationId && handlers[operationId];
    if (!handler) return next();
    // The negotiation and body parsing ran for the operation `findOperation` matched: a request
    // the validator routes elsewhere would have skipped them, so it is not served.
    if (contextOf(res).operation?.operationId !== operationId) throw new ServiceError('RouteNotFound');
    await handler(req, res, service);
  };
}

/** The operationIds this server has a handler for. */
export const implementedOperations = Object.keys(handlers) as OperationId[];
