/**
 * Which bytes of a clip to download: from `start` to `end` (both included, as in HTTP and
 * `fs.createReadStream`; `end` left out means to the end of the clip), or the `last` n bytes.
 */
export type ByteRange = { start: number; end?: number | undefined; last?: undefined } | { last: number; start?: undefined; end?: undefined };

/** Where a response's bytes sit in the whole clip, from its `Content-Range` (or its length for a 200). */
export interface ContentRange {
  /** Offset of the first byte in the clip. */
  start: number;
  /** Offset of the last byte in the clip (included). */
  end: number;
  /** The whole clip's size in bytes; undefined when the service did not say (`/*`). */
  size: number | undefined;
}

const wholeNumber = (n: number | undefined): n is number => n !== undefined && Number.isSafeInteger(n) && n >= 0;

/** The `Range` header value for `range`, such as `bytes=0-1023`, `bytes=1024-` or `bytes=-512`. Throws a `RangeError` for a range that names no byte. */
export function rangeHeader(range: ByteRange): string {
  if (range.last !== undefined) {
    if (!wholeNumber(range.last) || range.last === 0) throw new RangeError(`last must be a positive whole number, not ${range.last}`);
    return `bytes=-${range.last}`;
  }
  const { start, end } = range;
  if (!wholeNumber(start)) throw new RangeError(`start must be a whole number, not ${start}`);
  if (end === undefined) return `bytes=${start}-`;
  if (!wholeNumber(end) || end < start) throw new RangeError(`end must be a whole number from start (${start}), not ${end}`);
  return `bytes=${start}-${end}`;
}

const SATISFIED = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;
const UNSATISFIED = /^bytes \*\/(\d+)$/;

/**
 * Reads a `Content-Range` value: `bytes 0-1023/4096` gives the range, `bytes *\/4096` (sent with
 * 416) gives `{ unsatisfied: true, size }`; anything else, or a range that cannot be, undefined.
 */
export function parseContentRange(value: string | null): ContentRange | { unsatisfied: true; size: number } | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  const unsatisfied = UNSATISFIED.exec(text);
  if (unsatisfied) return { unsatisfied: true, size: Number(unsatisfied[1]) };
  const match = SATISFIED.exec(text);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  const size = match[3] === '*' ? undefined : Number(match[3]);
  if (![start, end, size ?? 0].every(Number.isSafeInteger) || end < start || (size !== undefined && end >= size)) return undefined;
  return { start, end, size };
}
