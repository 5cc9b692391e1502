import { contractDocument } from './contract-document.js';

/** The service versions the contract describes (its `info.version`); a server answers others with 406. */
export const supportedServiceVersions: readonly string[] = Object.freeze([String(contractDocument.info.version)]);
