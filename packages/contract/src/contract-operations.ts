import { contractDocument } from './contract-document.js';
import { matchOperation, operationTable, type ContractOperation } from './operation-table.js';

/** The operation table of the contract this package ships. */
export const contractOperations: readonly ContractOperation[] = Object.freeze(operationTable(contractDocument));

/** The operation of the contract that a request's method and path match, if any. */
export function findOperation(method: string, path: string): ContractOperation | undefined {
  return matchOperation(contractOperations, method, path);
}
