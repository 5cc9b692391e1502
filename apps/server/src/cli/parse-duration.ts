const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds in a duration such as `90`, `30s`, `15m`, `1h` or `7d`. */
export function parseDuration(text: string): number {
  const match = /^(-?\d+)([smhd]?)$/.exec(text.trim());
  if (!match) throw new Error(`Not a duration: ${JSON.stringify(text)} (use 90, 30s, 15m, 1h or 7d)`);
  return Number(match[1]) * UNITS[match[2] || 's']!;
}
