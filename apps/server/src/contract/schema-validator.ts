// The one Ajv set-up of the contract lives in @gameclips/contract.
export { describeErrors, schemaValidator } from '@gameclips/contract';
