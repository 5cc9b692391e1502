import { contractDocument } from './contract-document.js';
import type { OpenApiObject } from './openapi-document.js';

/** One entry of the contract's error-code table (`x-error-codes`). */
export interface ErrorCodeEntry {
  /** The `errorCode` of a `ServiceErrorResponse`. */
  code: number;
  /** Its PascalCase name, such as `XuidMismatch`. */
  name: string;
  /** The HTTP status it is sent with. */
  status: number;
  /** The default `errorMessage`. */
  message: string;
}

/** The error-code table (`x-error-codes`) of an OpenAPI document; throws when it has none. */
export function errorCodesOf(document: OpenApiObject): ErrorCodeEntry[] {
  const codes: unknown = document['x-error-codes'];
  if (!Array.isArray(codes) || codes.length === 0) throw new Error('The document has no x-error-codes table');
  return codes.map(({ code, name, status, message }: ErrorCodeEntry) => ({ code, name, status, message }));
}

/** The error-code table of the contract this package ships. */
export const errorCodeTable: readonly ErrorCodeEntry[] = Object.freeze(errorCodesOf(contractDocument));
