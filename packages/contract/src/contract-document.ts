import { parse } from 'yaml';
import { contractText } from './contract-file.js';
import type { OpenApiObject } from './openapi-document.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The parsed contract, parsed once and frozen: read it, never change it. */
export const contractDocument: OpenApiObject = deepFreeze(parse(contractText) as OpenApiObject);

/**
 * A fresh, mutable copy of the parsed contract, for consumers that change what they are
 * given (express-openapi-validator does). Copying costs about a millisecond, parsing tens.
 */
export function loadContract(): OpenApiObject {
  return structuredClone(contractDocument);
}
