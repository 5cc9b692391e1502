/**
 * The first offset at which two byte arrays differ (the shorter one's length when one is a
 * prefix of the other), or -1 when they are equal. `toEqual` on megabytes of bytes takes
 * seconds and blocks the event loop, the server's too when it runs in the test's process.
 */
export function firstDifference(actual: Uint8Array, expected: Uint8Array): number {
  const a = Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength);
  const b = Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength);
  if (a.equals(b)) return -1;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return length;
}
