/** Bytes 0, 1, 2, ... 250, 0, 1, ... (251 is prime, so no block repeats another at a power-of-two boundary). */
export function pattern(size: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length: size }, (_, i) => i % 251);
}
