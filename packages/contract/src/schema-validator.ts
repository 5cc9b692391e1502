import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { loadContract } from './contract-document.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

/** The `$id` the contract's components are registered under. */
const CONTRACT_ID = 'gameclips.yaml';
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function createAjv(): Ajv2020 {
  // strict: false, because OpenAPI keywords (example, discriminator, x-*) are not JSON Schema's.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX });
  ajv.addSchema({ $id: CONTRACT_ID, components: loadContract().components });
  return ajv;
}

let shared: Ajv2020 | undefined;

/**
 * The one Ajv of the contract (JSON Schema 2020-12, ajv-formats, OpenAPI's `int32`), with
 * the contract's `components` registered. Built on first use.
 */
export function contractAjv(): Ajv2020 {
  shared ??= createAjv();
  return shared;
}

/** A validator for a schema of the contract's `components.schemas`, by name (`GameClip`). */
export function schemaValidator(name: string): ValidateFunction {
  const validate = contractAjv().getSchema(`${CONTRACT_ID}#/components/schemas/${name}`);
  if (!validate) throw new Error(`The contract has no schema ${name}`);
  return validate;
}

/** Ajv errors as one readable line. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => {
      const allowed = e.params && 'allowedValues' in e.params ? `: ${(e.params.allowedValues as string[]).join(', ')}` : '';
      return `${e.instancePath || '(root)'} ${e.message}${allowed}`;
    })
    .join('; ');
}
