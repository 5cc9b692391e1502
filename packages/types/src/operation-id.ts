import type { operations } from './generated/openapi.js';

/** The operationId of an operation of the contract, such as `updateClipMetadata`. */
export type OperationId = keyof operations;
