import type { Request, Response } from 'express';
import type { InitialUploadRequest, OperationId } from '@gameclips/types';
import type { UploadService } from '../domain/upload-service.js';
import type { ThumbnailSize } from '../domain/upload-uris.js';
import { ServiceError } from '../errors/service-error.js';
import type { ClipKey } from '../store/clip-store.js';
import { callerOf, pathParams as params } from './request-context.js';
import { queryOf } from './list-request.js';
import { sendDownload } from './send-download.js';
import { withBytes } from './upload-body.js';

type Handler = (req: Request, res: Response, uploads: UploadService) => Promise<void>;

/** The operations of uploads and downloads. */
export type UploadOperationId = Extract<OperationId, 'reserveUpload' | 'uploadClipBlock' | 'uploadThumbnail' | 'downloadClip' | 'downloadThumbnail'>;

/** The clip of an upload or download route: `{scid}` on uploads, `{clipScid}` on downloads. */
function clipKey(res: Response): ClipKey {
  const { scid, clipScid, gameClipId } = params(res);
  return { scid: (scid ?? clipScid)!, gameClipId: gameClipId! };
}

function thumbnailSize(res: Response): ThumbnailSize {
  return params(res).thumbnailSize === 'large' ? 'large' : 'small';
}

/**
 * `blockNum` as sent, or undefined when left out. Read from the URL rather than the validated
 * query, which the contract's integer schema coerced (`1e0` and `01` would become 1): a block
 * number is plain digits.
 */
function blockNumOf(req: Request): number | undefined {
  const sent = queryOf(req).getAll('blockNum');
  if (sent.length === 0) return undefined;
  if (sent.length > 1 || !/^(0|[1-9][0-9]{0,5})$/.test(sent[0]!)) throw new ServiceError('BlockOutOfRange', 'blockNum must be one plain non-negative integer');
  return Number(sent[0]);
}

/** The media type of a thumbnail body, without parameters (the validator allowed only PNG and JPEG). */
function imageType(req: Request): string {
  return (req.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** One thin handler per upload or download operation: HTTP in, an UploadService call, HTTP out. */
export const uploadHandlers: Record<UploadOperationId, Handler> = {
  async reserveUpload(req, res, uploads) {
    const { ownerId, scid } = params(res);
    res.status(200).json(await uploads.reserve(callerOf(res), { ownerId: ownerId!, scid: scid! }, req.body as InitialUploadRequest));
  },
  async uploadClipBlock(req, res, uploads) {
    const outcome = await withBytes(req, (bytes) => uploads.putBlock(callerOf(res), clipKey(res), blockNumOf(req), bytes));
    res.status(outcome === 'completed' ? 201 : 202).end();
  },
  async uploadThumbnail(req, res, uploads) {
    await withBytes(req, (bytes) => uploads.putThumbnail(callerOf(res), clipKey(res), thumbnailSize(res), imageType(req), bytes));
    res.status(201).end();
  },
  async downloadClip(req, res, uploads) {
    await sendDownload(res, await uploads.download(callerOf(res), clipKey(res), 'clip', req.get('Range'), req.get('If-Range')));
  },
  async downloadThumbnail(req, res, uploads) {
    await sendDownload(res, await uploads.download(callerOf(res), clipKey(res), thumbnailSize(res), req.get('Range'), req.get('If-Range')));
  },
};

/** Whether an operation is one of uploads and downloads. */
export function isUploadOperation(operationId: string | undefined): operationId is UploadOperationId {
  return operationId !== undefined && Object.hasOwn(uploadHandlers, operationId);
}
