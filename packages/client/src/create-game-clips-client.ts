import createClient from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import type { GameClip, GameClipThumbnail, InitialUploadResponse, ListClipsResponse } from '@gameclips/types';
import type { Block } from './blocks.js';
import { clipPages } from './clip-pages.js';
import { downloadFile, downloadUrl } from './download-file.js';
import type { FileDownload } from './file-download.js';
import type { GameClipsClientOptions } from './game-clips-client-options.js';
import { GameClipsResponseError } from './game-clips-response-error.js';
import { authHeader } from './auth-header.js';
import { baseHeaders, headersMiddleware } from './headers-middleware.js';
import { imageType } from './image-type.js';
import { publicListCall, userListCall } from './list-calls.js';
import type { ClipsParams, DeleteClipParams, ListClipsParams, ListPublicClipsParams } from './list-params.js';
import type {
  CallOptions,
  ClipRef,
  FlagClipParams,
  GetClipParams,
  RateClipParams,
  RecordClipViewParams,
  UpdateClipMetadataParams,
  WriteOptions,
} from './method-params.js';
import type { GetClipResult, ListClipsResult, WriteResult } from './method-results.js';
import { opaqueRequest } from './opaque-request.js';
import type { RawPaths } from './raw-paths.js';
import { readEtag } from './read-etag.js';
import { retryPolicy } from './retry-options.js';
import { type AttemptResult, sendWithRetry } from './send-with-retry.js';
import { uploadClip } from './upload-clip.js';
import type { UploadData } from './upload-data.js';
import type { DownloadParams, DownloadSource, ReserveUploadParams, UploadClipParams, UploadThumbnailParams } from './upload-params.js';
import { SignalRequest, withNetworkErrors } from './with-network-errors.js';

/** A client of the Game Clips metadata API: one method per operation of the contract. */
export interface GameClipsClient {
  /** Reads a clip with its metadata and counters, and its ETag (a response without one throws `GameClipsResponseError`). */
  getClip(params: GetClipParams): Promise<GetClipResult>;
  /** Changes a clip's caption, visibility or title data (owner only, atomic); resolves to the new ETag, the only change that moves it. */
  updateClipMetadata(params: UpdateClipMetadataParams): Promise<WriteResult>;
  /** Sets the caller's rating of a clip, 1 to 5, replacing their earlier one; resolves to the clip's ETag, which a rating leaves unchanged. */
  rateClip(params: RateClipParams): Promise<WriteResult>;
  /**
   * Flags a clip for enforcement; resolves to the clip's ETag, which a flag leaves unchanged. Idempotent for the flagger: flagging a
   * clip again answers 200, even after their flag hid it; anyone else gets 404 once it is hidden.
   */
  flagClip(params: FlagClipParams): Promise<WriteResult>;
  /** Counts one view of a clip (call it when about 75-80% was watched); resolves to the clip's ETag, which a view leaves unchanged. */
  recordClipView(params: RecordClipViewParams): Promise<WriteResult>;
  /**
   * Reads a page of a user's clips (`me` by default; others see only what they may read): all of them, those of `scid` or
   * `titleId`, or only the saved ones; ordered by `qualifier` and `order`. Covers the six `listUser*Clips` operations.
   */
  listClips(params?: ListClipsParams): Promise<ListClipsResult>;
  /** Reads a page of the clips of a `scid` or a `titleId`, of every user, newest first. Covers the four `listPublic*Clips` operations. */
  listPublicClips(params: ListPublicClipsParams): Promise<ListClipsResult>;
  /** Deletes one of the caller's own clips, with its ratings and flags; a clip already deleted is a 404. */
  deleteClip(params: DeleteClipParams): Promise<void>;
  /**
   * Every clip of a list, fetching page after page as the loop asks for more:
   * `for await (const clip of client.clips({ qualifier: 'views' }))`; `public: true` walks `listPublicClips`.
   * Aborting `signal` rejects the loop's next step with the signal's reason.
   */
  clips(params?: ClipsParams): AsyncGenerator<GameClip, void, undefined>;
  /** Reserves the upload of a new clip (`PendingUpload`, seen only by the caller): its id and the URIs to send its bytes and thumbnails to. */
  reserveUpload(params: ReserveUploadParams): Promise<InitialUploadResponse>;
  /**
   * Uploads a new clip: reserves it, sends its thumbnails, sends its bytes in blocks of at most
   * 2 MiB (`parallel` at a time, each retried as any call is), then waits until it is `Published`
   * and resolves with it. A failed or aborted upload deletes its reservation and rejects.
   */
  uploadClip(data: Blob | Uint8Array, params: UploadClipParams): Promise<GameClip>;
  /** Uploads a new clip from a stream, whose `size` the reservation needs before the first byte is read. */
  uploadClip(data: ReadableStream<Uint8Array>, params: UploadClipParams & { size: number }): Promise<GameClip>;
  /** Sends a thumbnail image (PNG or JPEG) to a reservation's `largeThumbnailUri` or `smallThumbnailUri`. */
  uploadThumbnail(params: UploadThumbnailParams): Promise<void>;
  /** Downloads a published clip's video, whole or a range of bytes; resolves once the headers arrive, with the body to read. */
  downloadClip(clip: DownloadSource, params?: DownloadParams): Promise<FileDownload>;
  /** Downloads one of a clip's `thumbnails`, whole or a range of bytes, as `downloadClip` does. */
  downloadThumbnail(thumbnail: Pick<GameClipThumbnail, 'uri'>, params?: DownloadParams): Promise<FileDownload>;
  /** The underlying openapi-fetch client for value-style `{ data, error, response }` calls: headers and middleware added, no retries or timeouts. */
  readonly raw: Client<RawPaths, 'application/json'>;
}

const CLIP = '/users/{ownerId}/scids/{scid}/clips/{gameClipId}';

/**
 * Creates a client. Methods resolve on success and throw `GameClipsApiError` for an error
 * status, `GameClipsNetworkError` when the service cannot be reached, `GameClipsTimeoutError`
 * after `timeoutMs`, `GameClipsTokenError` when `getToken` throws, `GameClipsResponseError`
 * when a success lacks what the contract promises, and the signal's reason when a call is aborted.
 */
export function createGameClipsClient(options: GameClipsClientOptions): GameClipsClient {
  const { getToken, token } = options;
  const retry = retryPolicy(options.retry);
  const authScheme = options.authScheme ?? 'xauth';
  const userHash = options.userHash ?? '0';
  // Headers that never change are openapi-fetch's base headers, merged without a middleware
  // step per call; only a `getToken` needs one. The `headers` option wins over them, and a
  // call's own headers over both.
  const config = {
    fetch: withNetworkErrors(options.fetch),
    // A given fetch or middleware may see only `request.signal`.
    ...(options.fetch === undefined && !options.middleware?.length && { Request: SignalRequest }),
    headers: baseHeaders({
      serviceVersion: options.serviceVersion ?? '1',
      authorization: getToken === undefined ? authHeader(token ?? '', authScheme, userHash) : undefined,
      headers: options.headers,
    }),
  };
  const middleware = [...(getToken === undefined ? [] : [headersMiddleware({ getToken, authScheme, userHash })]), ...(options.middleware ?? [])];
  const raw = createClient<RawPaths, 'application/json'>({ ...config, baseUrl: options.baseUrl });
  raw.use(...middleware);
  // The upload and download URIs are absolute URLs the service hands out: a client with no base URL sends them as given.
  const opaqueClient = createClient<never>(config);
  opaqueClient.use(...middleware);
  const opaque = opaqueRequest(opaqueClient);

  const send = <R extends AttemptResult>(call: CallOptions, attempt: (signal: AbortSignal) => Promise<R>) =>
    sendWithRetry(attempt, { retry, signal: call.signal, timeoutMs: call.timeoutMs ?? options.timeoutMs ?? 30_000 });
  const path = ({ ownerId = 'me', scid, gameClipId }: ClipRef) => ({ ownerId, scid, gameClipId });
  const header = ({ ifMatch }: WriteOptions) => (ifMatch === undefined ? {} : { 'If-Match': ifMatch });
  const written = ({ response }: AttemptResult): WriteResult => ({ etag: response.headers.get('ETag') ?? undefined });
  const page = ({ data, response }: AttemptResult & { data?: ListClipsResponse }): ListClipsResult => {
    if (data?.gameClips === undefined || data.pagingInfo === undefined) {
      throw new GameClipsResponseError(response, `${response.status}: the response holds no gameClips and pagingInfo`);
    }
    return { clips: data.gameClips, continuationToken: data.pagingInfo.continuationToken, totalItems: data.pagingInfo.totalItems };
  };

  const client: GameClipsClient = {
    raw,
    async listClips(params = {}) {
      return page(await send(params, (signal) => userListCall(raw, params, signal)));
    },
    async listPublicClips(params) {
      return page(await send(params, (signal) => publicListCall(raw, params, signal)));
    },
    async deleteClip(params) {
      await send(params, (signal) => raw.DELETE(CLIP, { params: { path: path(params) }, signal }));
    },
    clips(params = {}) {
      return clipPages(client, params);
    },
    async getClip(params) {
      const { data, response } = await send(params, (signal) => raw.GET(CLIP, { params: { path: path(params) }, signal }));
      if (data?.gameClip === undefined) {
        throw new GameClipsResponseError(response, `${response.status}: the response holds no gameClip`);
      }
      return { clip: data.gameClip, etag: readEtag(response) };
    },
    async updateClipMetadata(params) {
      const { body } = params;
      return written(
        await send(params, (signal) =>
          raw.POST(CLIP, { params: { path: path(params), header: header(params) }, body, signal }),
        ),
      );
    },
    async rateClip(params) {
      const ratingPath = { ...path(params), ratingValue: params.rating };
      return written(
        await send(params, (signal) =>
          raw.POST(`${CLIP}/ratings/{ratingValue}`, { params: { path: ratingPath, header: header(params) }, signal }),
        ),
      );
    },
    async flagClip(params) {
      return written(
        await send(params, (signal) =>
          raw.POST(`${CLIP}/flag`, { params: { path: path(params), header: header(params) }, signal }),
        ),
      );
    },
    async reserveUpload(params) {
      const path = { ownerId: params.ownerId ?? 'me', scid: params.scid };
      const { data, response } = await send(params, (signal) =>
        raw.POST('/users/{ownerId}/scids/{scid}/clips', { params: { path }, body: params.body, signal }),
      );
      if (data?.uploadUri === undefined) throw new GameClipsResponseError(response, `${response.status}: the response holds no uploadUri`);
      return data;
    },
    uploadClip(data: UploadData, params: UploadClipParams) {
      return uploadClip({ ...client, sendBlock }, data, params);
    },
    async uploadThumbnail(params) {
      const headers = { 'Content-Type': await imageType(params.image, params.contentType) };
      const { response } = await send(params, (signal) => opaque('PUT', params.uri, { body: params.image, headers, signal }));
      await response.body?.cancel();
    },
    async downloadClip(clip, params) {
      return downloadFile(opaque, send, downloadUrl(clip), params);
    },
    async downloadThumbnail(thumbnail, params) {
      return downloadFile(opaque, send, thumbnail.uri, params);
    },
    async recordClipView(params) {
      return written(
        await send(params, (signal) =>
          raw.POST(`${CLIP}/views`, { params: { path: path(params), header: header(params) }, signal }),
        ),
      );
    },
  };
  /** Sends a block to `${uploadUri}?blockNum=N`; true when it completed the file (201). */
  async function sendBlock(uploadUri: string, { blockNum, body }: Block, call: CallOptions): Promise<boolean> {
    const url = new URL(uploadUri);
    url.searchParams.set('blockNum', String(blockNum));
    const headers = { 'Content-Type': 'application/octet-stream' };
    const { response } = await send(call, (signal) => opaque('PUT', url.href, { body, headers, signal }));
    await response.body?.cancel();
    return response.status === 201;
  }
  return client;
}
