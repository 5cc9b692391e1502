import { errorCodes, type ErrorCodeName } from '@gameclips/types';

/**
 * The one error type of the server. It names an entry of the contract's error-code table;
 * the HTTP status and default message come from that table, never typed again here.
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  /** The entry of the error-code table, such as `XuidMismatch`. */
  readonly code: ErrorCodeName;
  /** The `errorCode` sent to the client. */
  readonly errorCode: number;
  /** The HTTP status the table gives this code. */
  readonly status: number;
  /** Extra response headers, such as `Retry-After` or `Allow`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ErrorCodeName,
    message?: string,
    options: { cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    const entry = errorCodes[code];
    super(message ?? entry.message, { cause: options.cause });
    this.code = code;
    this.errorCode = entry.code;
    this.status = entry.status;
    this.headers = options.headers ?? {};
  }
}
