/**
 * Typed client for the Game Clips metadata API; its types come from the API's OpenAPI contract.
 *
 * @example
 * import { createGameClipsClient, GameClipsApiError } from '@gameclips/client';
 *
 * const client = createGameClipsClient({ baseUrl: 'http://localhost:8080', token });
 * const { clip, etag } = await client.getClip({ scid, gameClipId });
 * await client.updateClipMetadata({ scid, gameClipId, body: { userCaption: 'GG' }, ifMatch: etag });
 * for await (const clip of client.clips({ qualifier: 'views' })) console.log(clip.clipName, clip.views);
 * const uploaded = await client.uploadClip(file, { scid, metadata: { userCaption: 'GG' }, onProgress: console.log });
 * const head = await (await client.downloadClip(uploaded, { range: { start: 0, end: 1023 } })).bytes();
 */
export { createGameClipsClient } from './create-game-clips-client.js';
export type { GameClipsClient } from './create-game-clips-client.js';
export type { GameClipsClientOptions, GameClipsClientSettings, TokenSource } from './game-clips-client-options.js';
export type {
  CallOptions,
  ClipRef,
  FlagClipParams,
  GetClipParams,
  OwnerId,
  Rating,
  RateClipParams,
  RecordClipViewParams,
  UpdateClipMetadataParams,
  WriteOptions,
} from './method-params.js';
export type { GetClipResult, ListClipsResult, WriteResult } from './method-results.js';
export type { ClipsParams, DeleteClipParams, ListClipsParams, ListPublicClipsParams, ListScope, PageOptions } from './list-params.js';
export type {
  DownloadParams,
  DownloadSource,
  ReserveUploadParams,
  ThumbnailImage,
  UploadClipParams,
  UploadProgress,
  UploadThumbnailParams,
} from './upload-params.js';
export type { UploadData } from './upload-data.js';
export type { ByteRange } from './byte-range.js';
export type { FileDownload } from './file-download.js';
export type { AuthScheme } from './auth-header.js';
export type { RetryOptions } from './retry-options.js';
export type { FetchFunction } from './with-network-errors.js';
export type { RawPaths } from './raw-paths.js';
export type { Middleware } from 'openapi-fetch';
export { GameClipsError } from './game-clips-error.js';
export { GameClipsApiError } from './game-clips-api-error.js';
export { GameClipsNetworkError } from './game-clips-network-error.js';
export { GameClipsResponseError } from './game-clips-response-error.js';
export { GameClipsTimeoutError } from './game-clips-timeout-error.js';
export { GameClipsTokenError } from './game-clips-token-error.js';
export { GameClipsUploadError } from './game-clips-upload-error.js';
export { errorCodes } from '@gameclips/types';
export type {
  ErrorCode,
  ErrorCodeName,
  GameClip,
  GameClipThumbnail,
  GameClipUri,
  GameClipVisibility,
  InitialUploadRequest,
  InitialUploadResponse,
  PagingInfo,
  ServiceErrorResponse,
  UpdateMetadataRequest,
} from '@gameclips/types';
