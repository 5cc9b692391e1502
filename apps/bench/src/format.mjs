/** The number formats of the report's tables; `n/a` for a figure not measured. */

/** Bytes in a mebibyte. */
export const MiB = 2 ** 20;
const known = (n) => n !== undefined && Number.isFinite(n);

/** A count, rounded, with thousands separators. */
export const int = (n) => (known(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
/** Milliseconds: two decimals under 10, one above. */
export const ms = (n) => (known(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : 'n/a');
/** Bytes as MiB, with `digits` decimals. */
export const mib = (bytes, digits = 1) => (known(bytes) ? (bytes / MiB).toFixed(digits) : 'n/a');
/** A ratio such as `1.25×`. */
export const ratio = (n) => (known(n) ? `${n.toFixed(2)}×` : 'n/a');
/** A change as a signed percentage, such as `+3.5%`. */
export const percent = (n) => (known(n) ? `${n >= 0 ? '+' : ''}${(n * 100).toFixed(1)}%` : 'n/a');
