import { GameClipsResponseError } from './game-clips-response-error.js';
import { parseContentRange } from './byte-range.js';

/**
 * A downloaded file, or part of one, whose body has not been read yet. Read it one way only:
 * `stream`, `bytes()` or `blob()`.
 */
export interface FileDownload {
  /** The body as it arrives; aborting the call's `signal` cancels it. */
  readonly stream: ReadableStream<Uint8Array>;
  /** Reads the whole body into memory. */
  bytes(): Promise<Uint8Array>;
  /** Reads the whole body into a `Blob` of the file's type. */
  blob(): Promise<Blob>;
  /** Whether the body is a part of the file (206) rather than all of it (200). */
  readonly partial: boolean;
  /** Offset of the body's first byte in the file. */
  readonly start: number;
  /** Offset of the body's last byte in the file (included). */
  readonly end: number;
  /** The whole file's size in bytes. */
  readonly size: number;
  /** The file's type, such as `video/mp4` or `image/png`. */
  readonly contentType: string | undefined;
  /** The file's ETag, a strong validator of its bytes (for `ifRange`). */
  readonly etag: string | undefined;
  /** The HTTP response. */
  readonly response: Response;
}

/** A `FileDownload` over a 200 or 206 response; throws `GameClipsResponseError` when its length or range cannot be read. */
export function fileDownload(response: Response): FileDownload {
  const { start, end, size } = bodyPlace(response);
  const stream = response.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  return {
    stream,
    bytes: async () => new Uint8Array(await response.arrayBuffer()),
    blob: () => response.blob(),
    partial: response.status === 206,
    start,
    end,
    size,
    contentType: response.headers.get('Content-Type') ?? undefined,
    etag: response.headers.get('ETag') ?? undefined,
    response,
  };
}

function bodyPlace(response: Response): { start: number; end: number; size: number } {
  if (response.status === 206) {
    const range = parseContentRange(response.headers.get('Content-Range'));
    if (range !== undefined && !('unsatisfied' in range) && range.size !== undefined) return { start: range.start, end: range.end, size: range.size };
    throw new GameClipsResponseError(response, `206: the Content-Range header (${response.headers.get('Content-Range')}) is not bytes FIRST-LAST/SIZE`);
  }
  const length = Number(response.headers.get('Content-Length') ?? Number.NaN);
  if (Number.isSafeInteger(length) && length > 0) return { start: 0, end: length - 1, size: length };
  throw new GameClipsResponseError(response, `${response.status}: the download has no Content-Length`);
}
