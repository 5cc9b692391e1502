/**
 * Types of the Game Clips metadata API, generated from `openapi/gameclips.yaml`.
 *
 * @example
 * import type { GameClip, UpdateMetadataRequest, paths } from '@gameclips/types';
 * import { errorCodes } from '@gameclips/types';
 * errorCodes.XuidMismatch.code; // 8377
 */
export type {
  paths,
  operations,
  components,
  webhooks,
  $defs,
  UpdateMetadataRequest,
  ServiceErrorResponse,
  GameClipVisibility,
  GameClipState,
  GameClipThumbnailType,
  GameClipUriType,
  GameClipThumbnail,
  GameClipUri,
  GameClip,
  GetClipResponse,
  PagingInfo,
  ListClipsResponse,
  ThumbnailSource,
  InitialUploadRequest,
  InitialUploadResponse,
} from './generated/openapi.js';
export {
  gameClipVisibilityValues,
  gameClipStateValues,
  gameClipThumbnailTypeValues,
  gameClipUriTypeValues,
  thumbnailSourceValues,
} from './generated/openapi.js';
export { errorCodes } from './generated/error-codes.js';
export type { ErrorCode, ErrorCodeName } from './generated/error-codes.js';
export type { OperationId } from './operation-id.js';
