import { rangeHeader } from './byte-range.js';
import { type FileDownload, fileDownload } from './file-download.js';
import { GameClipsError } from './game-clips-error.js';
import type { CallOptions } from './method-params.js';
import type { OpaqueRequest } from './opaque-request.js';
import type { AttemptResult } from './send-with-retry.js';
import type { DownloadParams, DownloadSource } from './upload-params.js';

/** Runs a call's attempts with the client's retries and timeout. */
export type Send = <R extends AttemptResult>(call: CallOptions, attempt: (signal: AbortSignal) => Promise<R>) => Promise<R>;

/**
 * GETs a file at a URL the service gave (a `GameClipUri`, a thumbnail's `uri`), whole or one
 * range of it, and resolves once its headers arrive; the body is read from the result. The
 * call's `signal` also cancels the body; `timeoutMs` bounds the wait for the headers.
 */
export async function downloadFile(opaque: OpaqueRequest, send: Send, url: string, params: DownloadParams = {}): Promise<FileDownload> {
  const headers: Record<string, string> = {};
  if (params.range !== undefined) headers.Range = rangeHeader(params.range);
  if (params.ifRange !== undefined) headers['If-Range'] = params.ifRange;
  const { signal } = params;
  // The body outlives the call: a signal of the call's own (never the timeout signal calls
  // share, which would abort later) bounds the wait for the headers and is then let go.
  const own = signal ?? new AbortController().signal;
  const { response } = await send({ ...params, signal: own }, (attempt) =>
    opaque('GET', url, { headers, signal: signal === undefined ? attempt : AbortSignal.any([attempt, signal]) }),
  );
  return fileDownload(response);
}

/** The URL to download a clip from: the `uri` given, or the clip's `Download` URI. */
export function downloadUrl(source: DownloadSource): string {
  if ('uri' in source) return source.uri;
  const download = source.gameClipUris.find((uri) => uri.uriType === 'Download');
  if (download !== undefined) return download.uri;
  throw new GameClipsError(`The clip has no Download URI${source.state === undefined ? '' : ` (it is ${source.state}; only a Published clip has one)`}`);
}
