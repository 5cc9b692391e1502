import { contractDocument } from './contract-document.js';

/**
 * The `X-RequestedServiceVersion` values the contract describes (its `info.version`); a
 * server answers others with 406.
 */
export const supportedServiceVersions: readonly string[] = Object.freeze([String(contractDocument.info.version)]);

/**
 * The `x-xbl-contract-version` values the contract supports (the `x-supported-versions` of
 * its `XblContractVersion` parameter); a server answers others with 406.
 */
export const supportedContractVersions: readonly string[] = Object.freeze(
  (contractDocument.components?.parameters?.XblContractVersion?.['x-supported-versions'] ?? []).map(String),
);
