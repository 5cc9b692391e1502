import { type ErrorCode, errorCodes, type ServiceErrorResponse } from '@gameclips/types';
import { GameClipsError } from './game-clips-error.js';
import { parseRetryAfter } from './retry-after.js';

const knownCodes: ReadonlySet<number> = new Set(Object.values(errorCodes).map(({ code }) => code));

/** The service answered with an error status; its `ServiceErrorResponse` body is read into fields. */
export class GameClipsApiError extends GameClipsError {
  override name = 'GameClipsApiError';
  /** The HTTP status, such as 403. */
  readonly status: number;
  /** The body's `errorCode`, a code of the contract's table (`errorCodes`); null when the body has none or one the table lacks (`message` still shows it). */
  readonly errorCode: ErrorCode | null;
  /** The body's `errorMessage`, or the body text or status text when the body is not a `ServiceErrorResponse`. */
  readonly errorMessage: string;
  /** Seconds the service asked to wait before trying again (`Retry-After`, sent with 429 and 503). */
  readonly retryAfter: number | undefined;
  /** The HTTP response; its body has been read. Not enumerable, so logging the error stays short. */
  declare readonly response: Response;

  /** `body` is the parsed JSON body, its text when it was not JSON, or undefined when empty. */
  constructor(response: Response, body: unknown) {
    const serviceError = isServiceErrorResponse(body) ? body : undefined;
    const bodyCode = serviceError?.errorCode ?? null;
    const errorMessage =
      serviceError?.errorMessage ?? (typeof body === 'string' && body !== '' ? body : response.statusText);
    super(`${response.status}${bodyCode === null ? '' : ` (errorCode ${bodyCode})`}: ${errorMessage}`);
    this.status = response.status;
    this.errorCode = isErrorCode(bodyCode) ? bodyCode : null;
    this.errorMessage = errorMessage;
    this.retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
    Object.defineProperty(this, 'response', { value: response, enumerable: false });
  }
}

function isErrorCode(code: number | null): code is ErrorCode {
  return code !== null && knownCodes.has(code);
}

function isServiceErrorResponse(body: unknown): body is ServiceErrorResponse {
  if (typeof body !== 'object' || body === null) return false;
  const { errorCode, errorMessage } = body as Record<string, unknown>;
  return typeof errorMessage === 'string' && (errorCode === null || Number.isInteger(errorCode));
}
