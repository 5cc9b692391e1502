/** What a `Range` header asks of a file: all of it, one range of bytes (inclusive), or nothing it can have. */
export type ByteRange = { kind: 'whole' } | { kind: 'part'; first: number; last: number } | { kind: 'unsatisfiable'; reason: string };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/i;

function whole(text: string): number | undefined {
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

/**
 * Reads a `Range` header against a file of `size` bytes (at least 1). One range only:
 * `bytes=FIRST-LAST` (LAST past the end is cut to the end), `bytes=FIRST-`, `bytes=-N` (the
 * last N bytes, the whole file when N is larger). Several ranges, a malformed value, a range
 * starting past the end and `bytes=-0` cannot be had.
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return { kind: 'whole' };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) {
    const reason = header.includes(',') ? 'several ranges are not served: ask for one' : 'the Range is not bytes=FIRST-LAST, bytes=FIRST- or bytes=-N';
    return { kind: 'unsatisfiable', reason };
  }
  const first = whole(match[1]!);
  const last = whole(match[2]!);
  if (first === undefined) {
    if (last === undefined) return { kind: 'unsatisfiable', reason: 'the Range names no bytes' };
    if (last === 0) return { kind: 'unsatisfiable', reason: 'bytes=-0 asks for no bytes' };
    return { kind: 'part', first: Math.max(0, size - last), last: size - 1 };
  }
  if (last !== undefined && last < first) return { kind: 'unsatisfiable', reason: 'the range ends before it starts' };
  if (first >= size) return { kind: 'unsatisfiable', reason: `the range starts past the end of the file (${size} bytes)` };
  return { kind: 'part', first, last: Math.min(last ?? size - 1, size - 1) };
}
