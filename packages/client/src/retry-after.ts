const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/i;

/**
 * Seconds to wait from a `Retry-After` value, either delay-seconds (`2`) or an HTTP date;
 * undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (!HTTP_DATE.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
