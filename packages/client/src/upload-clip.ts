import type { GameClip, InitialUploadResponse } from '@gameclips/types';
import { type Block, blockCount, blocks, MAX_BLOCK_BYTES } from './blocks.js';
import { checkWholeOption } from './check-whole-option.js';
import { GameClipsUploadError } from './game-clips-upload-error.js';
import { inParallel } from './in-parallel.js';
import type { DeleteClipParams } from './list-params.js';
import type { CallOptions, GetClipParams } from './method-params.js';
import type { GetClipResult } from './method-results.js';
import { type UploadData, uploadSize } from './upload-data.js';
import type { ReserveUploadParams, ThumbnailImage, UploadClipParams, UploadThumbnailParams } from './upload-params.js';
import { waitForPublished } from './wait-for-published.js';

/** The calls an upload is made of. */
export interface UploadSteps {
  reserveUpload(params: ReserveUploadParams): Promise<InitialUploadResponse>;
  uploadThumbnail(params: UploadThumbnailParams): Promise<void>;
  getClip(params: GetClipParams): Promise<GetClipResult>;
  deleteClip(params: DeleteClipParams): Promise<void>;
  /** Sends one block to the upload URI, retried as any call; resolves to whether it completed the file (201). */
  sendBlock(uploadUri: string, block: Block, call: CallOptions): Promise<boolean>;
}

const MAX_PARALLEL = 32;
/** How long the clean-up of a failed upload may take. */
const CLEAN_UP_MS = 5_000;

/**
 * Reserves a clip, sends its thumbnails and its blocks (in parallel, each retried as any call
 * is), then waits for it to be `Published` and resolves with it. When the upload fails or is
 * aborted, the reservation is deleted (so it does not count against the quota) and the call
 * rejects with the first error, or the signal's reason.
 */
export async function uploadClip(steps: UploadSteps, data: UploadData, params: UploadClipParams): Promise<GameClip> {
  const size = uploadSize(data, params.size);
  const blockSize = checkWholeOption('blockSize', params.blockSize ?? MAX_BLOCK_BYTES, MAX_BLOCK_BYTES, 'bytes');
  const parallel = checkWholeOption('parallel', params.parallel ?? 4, MAX_PARALLEL);
  const { scid, signal, timeoutMs, thumbnails = {} } = params;
  const call = { signal, timeoutMs };
  const images = Object.entries(thumbnails).filter((entry): entry is ['large' | 'small', ThumbnailImage] => entry[1] !== undefined);
  const reservation = await steps.reserveUpload({
    scid,
    body: {
      ...params.metadata,
      ...(images.length > 0 ? { thumbnailSource: 'Upload' as const } : {}),
      fileSize: size,
      expectedBlocks: blockCount(size, blockSize),
    },
    ...call,
  });
  const ref = { scid, gameClipId: reservation.gameClipId };
  try {
    for (const [which, image] of images) {
      const uri = which === 'large' ? reservation.largeThumbnailUri : reservation.smallThumbnailUri;
      if (uri === undefined) throw new GameClipsUploadError(ref.gameClipId, `The reservation has no ${which}ThumbnailUri`);
      await steps.uploadThumbnail({ uri, image, ...call });
    }
    let completed = false;
    let loaded = 0;
    await inParallel((blocksSignal) => blocks(data, size, blockSize, blocksSignal), parallel, signal, async (block, blockSignal) => {
      if (await steps.sendBlock(reservation.uploadUri, block, { signal: blockSignal, timeoutMs })) completed = true;
      loaded += block.size;
      params.onProgress?.({ loaded, total: size });
    });
    if (!completed) throw new GameClipsUploadError(ref.gameClipId, `Every block of ${ref.gameClipId} was accepted, but none completed the file`);
  } catch (error) {
    await steps.deleteClip({ ...ref, timeoutMs: CLEAN_UP_MS }).catch(() => undefined);
    throw error;
  }
  return waitForPublished(steps.getClip, ref, { ...call, pollIntervalMs: params.pollIntervalMs });
}
