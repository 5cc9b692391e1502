import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { contract, operationFor } from './contract-document.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/**
 * Checks responses against the contract with its own Ajv, built from the YAML: a second
 * opinion beside the server's express-openapi-validator.
 */
export class ResponseChecker {
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ValidateFunction>();
  /** Every breach of the contract seen so far. */
  readonly violations: string[] = [];

  constructor() {
    this.#ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(this.#ajv);
    this.#ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
    this.#ajv.addSchema({ $id: 'contract.yaml', components: contract.components });
  }

  #validator(ref: string): ValidateFunction {
    let validate = this.#validators.get(ref);
    if (!validate) {
      validate = this.#ajv.getSchema(`contract.yaml${ref}`)!;
      this.#validators.set(ref, validate);
    }
    return validate;
  }

  /** Checks one response; returns its operationId, if it was for an operation. */
  check(method: string, url: string, status: number, headers: Headers, body: string): string | undefined {
    const { pathname } = new URL(url);
    const where = `${method} ${pathname} → ${status}`;
    const fail = (why: string) => this.violations.push(`${where}: ${why}`);
    for (const name of ['X-RequestedServiceVersion', 'Cache-Control', 'Vary']) {
      if (!headers.has(name)) fail(`missing header ${name}`);
    }
    const operation = operationFor(method, pathname);
    if (!operation) {
      // Unknown routes and methods are not operations; their bodies are still service errors.
      if (status < 400) fail('a success for a request that matches no operation');
      this.#checkJson(body, headers, '#/components/schemas/ServiceErrorResponse', fail);
      return undefined;
    }
    const declared = operation.responses[String(status)];
    if (!declared) {
      fail(`status ${status} is not declared for ${operation.operationId}`);
      return operation.operationId;
    }
    for (const [name, header] of Object.entries<any>(declared.headers)) {
      if (header.required && !headers.has(name)) fail(`missing required header ${name}`);
      if (name === 'Retry-After' && headers.has(name) && !/^\d+$/.test(headers.get(name)!)) fail('Retry-After is not a number of seconds');
    }
    const schemaRef = declared.content?.['application/json']?.schema?.$ref as string | undefined;
    if (schemaRef) this.#checkJson(body, headers, schemaRef, fail);
    else if (body.length > 0) fail('a body where the contract declares none');
    return operation.operationId;
  }

  #checkJson(body: string, headers: Headers, schemaRef: string, fail: (why: string) => void): void {
    if (!headers.get('content-type')?.startsWith('application/json')) fail(`content-type ${headers.get('content-type')} is not JSON`);
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return fail('the body is not JSON');
    }
    const validate = this.#validator(schemaRef);
    if (!validate(value)) fail(`body breaks ${schemaRef}: ${this.#ajv.errorsText(validate.errors)}`);
  }
}
