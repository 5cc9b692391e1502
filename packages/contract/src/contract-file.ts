import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the contract this package ships, `dist/gameclips.yaml` inside the package.
 * `../dist/` names that file both from the built `dist/` and from `src/` (the tests).
 */
export const contractPath: string = fileURLToPath(new URL('../dist/gameclips.yaml', import.meta.url));

/** The contract's text, read once, for serving it as it is (`/openapi.yaml`). */
export const contractText: string = readFileSync(contractPath, 'utf8');
