import type { Request, Response } from 'express';
import type { OperationId } from '@gameclips/types';
import type { ClipService } from '../domain/clip-service.js';
import { ServiceError } from '../errors/service-error.js';

type Handler = (req: Request, res: Response, service: ClipService) => Promise<void>;
type UploadOperationId = Extract<OperationId, 'reserveUpload' | 'uploadClipBlock' | 'uploadThumbnail' | 'downloadClip' | 'downloadThumbnail'>;

const notYet: Handler = async () => {
  throw new ServiceError('UploadNotFound');
};

/** The handlers of the upload and download operations. */
export const uploadHandlers: Record<UploadOperationId, Handler> = {
  reserveUpload: notYet,
  uploadClipBlock: notYet,
  uploadThumbnail: notYet,
  downloadClip: notYet,
  downloadThumbnail: notYet,
};
