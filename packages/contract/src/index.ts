/**
 * The Game Clips metadata API contract, shipped inside this package and parsed once.
 *
 * @example
 * import { contractText, findOperation, schemaValidator } from '@gameclips/contract';
 * findOperation('GET', '/users/me/scids/s/clips/c')?.operationId; // 'getClip'
 * schemaValidator('GameClipVisibility')('Public'); // true
 */
export { contractPath, contractText } from './contract-file.js';
export { contractDocument, loadContract } from './contract-document.js';
export { contractOperations, findOperation } from './contract-operations.js';
export { errorCodeTable, errorCodesOf, type ErrorCodeEntry } from './error-codes.js';
export type { OpenApiObject } from './openapi-document.js';
export {
  HTTP_METHODS,
  matchOperation,
  operationTable,
  type ContractOperation,
  type ContractParameter,
  type ContractResponse,
} from './operation-table.js';
export { isRef, resolveRef } from './resolve-ref.js';
export { contractAjv, describeErrors, schemaValidator } from './schema-validator.js';
export { supportedContractVersions, supportedServiceVersions } from './service-versions.js';
