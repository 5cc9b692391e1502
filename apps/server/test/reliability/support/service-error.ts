import { errorCodes } from '@gameclips/types';
import type { HttpResult } from './http-client.js';

const statusOfCode = new Map<number, number>(Object.values(errorCodes).map((e) => [e.code, e.status]));

/** Signs that a message leaks internals: a stack frame, a source path. */
const LEAK = /\n\s+at |node_modules|\.(?:ts|js|cjs|mjs):\d+/;

/**
 * Why a response is not a proper error response, or [] when it is one: a JSON
 * `ServiceErrorResponse` ({ errorCode: int32 | null, errorMessage: string } and nothing else)
 * whose errorCode is in the contract's table with this HTTP status, and no stack trace.
 */
export function serviceErrorProblems(res: Pick<HttpResult, 'status' | 'headers' | 'text'>): string[] {
  const problems: string[] = [];
  const contentType = String(res.headers['content-type'] ?? '');
  if (!/^application\/json\b/.test(contentType)) problems.push(`Content-Type is "${contentType}"`);
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return [...problems, `body is not JSON: ${JSON.stringify(res.text.slice(0, 80))}`];
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [...problems, 'body is not an object'];
  const keys = Object.keys(body).sort();
  if (keys.join(',') !== 'errorCode,errorMessage') problems.push(`members are [${keys.join(', ')}]`);
  const { errorCode, errorMessage } = body as { errorCode?: unknown; errorMessage?: unknown };
  if (errorCode !== null && !(Number.isInteger(errorCode) && Math.abs(errorCode as number) <= 2 ** 31)) {
    problems.push(`errorCode is ${JSON.stringify(errorCode)}`);
  }
  if (typeof errorMessage !== 'string') problems.push('errorMessage is not a string');
  else if (LEAK.test(errorMessage)) problems.push(`errorMessage leaks internals: ${errorMessage.slice(0, 120)}`);
  if (typeof errorCode === 'number') {
    const status = statusOfCode.get(errorCode);
    if (status === undefined) problems.push(`errorCode ${errorCode} is not in the contract's table`);
    else if (status !== res.status) problems.push(`errorCode ${errorCode} belongs to ${status}, sent with ${res.status}`);
  }
  return problems;
}

/** The parsed error body of a response already checked with serviceErrorProblems. */
export function errorBody(res: Pick<HttpResult, 'text'>): { errorCode: number | null; errorMessage: string } {
  return JSON.parse(res.text) as { errorCode: number | null; errorMessage: string };
}
