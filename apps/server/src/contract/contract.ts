// The server reads its contract through @gameclips/contract; these names stay for its modules.
export {
  contractOperations,
  contractPath,
  contractText,
  findOperation,
  loadContract,
  supportedContractVersions,
  supportedServiceVersions,
  type ContractOperation,
} from '@gameclips/contract';
