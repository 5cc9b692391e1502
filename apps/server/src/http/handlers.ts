import type { Request, RequestHandler, Response } from 'express';
import type { OperationId, UpdateMetadataRequest } from '@gameclips/types';
import type { ListScope } from '../domain/clip-lists.js';
import type { ClipRef, ClipService } from '../domain/clip-service.js';
import type { UploadService } from '../domain/upload-service.js';
import { ServiceError } from '../errors/service-error.js';
import { listRequestOf, titleIdOf } from './list-request.js';
import { callerOf, pathParams } from './request-context.js';
import { routedOperation } from './routed-operation.js';
import { isUploadOperation, uploadHandlers, type UploadOperationId } from './upload-handlers.js';

function clipRef(res: Response): ClipRef {
  const { ownerId, scid, gameClipId } = pathParams(res);
  return { ownerId: ownerId!, scid: scid!, gameClipId: gameClipId! };
}

function written(res: Response, etag: string): void {
  res.setHeader('ETag', etag);
  res.status(200).end();
}

type Handler = (req: Request, res: Response, service: ClipService) => Promise<void>;

/** The handler of a list operation: which clips it lists comes from the route. */
function listHandler(kind: ListScope['kind'], by: 'all' | 'scid' | 'title', saved: boolean): Handler {
  return async (req, res, service) => {
    const params = pathParams(res);
    const scope: ListScope = {
      ...(kind === 'user' ? { kind, ownerId: params.ownerId! } : { kind }),
      ...(by === 'scid' && { scid: params.scid! }),
      ...(by === 'title' && { titleId: titleIdOf(params.titleId) }),
      saved,
    } as ListScope;
    // The request is read before the caller, so a malformed query is a 400 whoever asks.
    const request = listRequestOf(req, scope);
    res.status(200).json(await service.listClips(callerOf(res), request));
  };
}

/** One thin handler per operationId but uploads' (see upload-handlers.ts): HTTP in, a ClipService call, HTTP out. */
export const handlers: Record<Exclude<OperationId, UploadOperationId>, Handler> = {
  async getClip(req, res, service) {
    const { clip, etag } = await service.getClip(callerOf(res), clipRef(res));
    // The ETag covers the owner's metadata only, not views, ratings or state: a 304 would
    // hide those, so If-None-Match is ignored (Express would answer 304 when it matches).
    delete req.headers['if-none-match'];
    res.setHeader('ETag', etag);
    res.status(200).json({ gameClip: clip });
  },
  async updateClipMetadata(req, res, service) {
    const body = req.body as UpdateMetadataRequest;
    written(res, (await service.updateMetadata(callerOf(res), clipRef(res), body, req.get('If-Match'))).etag);
  },
  async rateClip(req, res, service) {
    // The contract's integer schema admits any numeral of 1 to 5 (`3e0`, `03`, `3.0`); a rating is one digit.
    const sent = pathParams(res).ratingValue ?? '';
    if (!/^[1-5]$/.test(sent)) throw new ServiceError('InvalidRequest', 'The rating must be an integer from 1 to 5');
    const rating = Number(sent);
    written(res, (await service.rateClip(callerOf(res), clipRef(res), rating, req.get('If-Match'))).etag);
  },
  async flagClip(req, res, service) {
    written(res, (await service.flagClip(callerOf(res), clipRef(res), req.get('If-Match'))).etag);
  },
  async recordClipView(req, res, service) {
    written(res, (await service.recordClipView(callerOf(res), clipRef(res), req.get('If-Match'))).etag);
  },
  async deleteClip(_req, res, service) {
    await service.deleteClip(callerOf(res), clipRef(res));
    res.status(204).end();
  },
  listUserClips: listHandler('user', 'all', false),
  listUserSavedClips: listHandler('user', 'all', true),
  listUserScidClips: listHandler('user', 'scid', false),
  listUserScidSavedClips: listHandler('user', 'scid', true),
  listUserTitleClips: listHandler('user', 'title', false),
  listUserTitleSavedClips: listHandler('user', 'title', true),
  listPublicScidClips: listHandler('public', 'scid', false),
  listPublicScidSavedClips: listHandler('public', 'scid', true),
  listPublicTitleClips: listHandler('public', 'title', false),
  listPublicTitleSavedClips: listHandler('public', 'title', true),
};

/** Dispatches a validated request to the handler of the operationId the validator routed it to. */
export function dispatch(service: ClipService, uploads: UploadService): RequestHandler {
  return async (req, res, next) => {
    const operationId = routedOperation(req)?.operationId;
    if (isUploadOperation(operationId)) return uploadHandlers[operationId](req, res, uploads);
    const handler = operationId && handlers[operationId];
    if (!handler) return next();
    await handler(req, res, service);
  };
}

/** The operationIds this server has a handler for. */
export const implementedOperations = [...Object.keys(handlers), ...Object.keys(uploadHandlers)] as OperationId[];
