import { describeErrors, findOperation, schemaValidator } from '@gameclips/contract';

const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

/**
 * Checks responses against the contract with the Ajv of @gameclips/contract: a second
 * opinion beside the server's express-openapi-validator.
 */
export class ResponseChecker {
  /** Every breach of the contract seen so far. */
  readonly violations: string[] = [];

  /** Checks one response; returns its operationId, if it was for an operation. */
  check(method: string, url: string, status: number, headers: Headers, body: string): string | undefined {
    const { pathname } = new URL(url);
    const where = `${method} ${pathname} → ${status}`;
    const fail = (why: string) => this.violations.push(`${where}: ${why}`);
    for (const name of ['X-RequestedServiceVersion', 'Cache-Control', 'Vary']) {
      if (!headers.has(name)) fail(`missing header ${name}`);
    }
    const operation = findOperation(method, pathname);
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
    const content: Record<string, any> = declared.content ?? {};
    const schemaRef = content['application/json']?.schema?.$ref as string | undefined;
    const mediaType = headers.get('content-type')?.split(';')[0]?.trim();
    if (schemaRef) this.#checkJson(body, headers, schemaRef, fail);
    else if (Object.keys(content).length > 0) {
      // A file (a video, an image): its media type must be one the contract declares.
      if (!mediaType || !(mediaType in content)) fail(`content-type ${mediaType} is not one of ${Object.keys(content).join(', ')}`);
    } else if (body.length > 0) fail('a body where the contract declares none');
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
    const name = SCHEMA_REF.exec(schemaRef)?.[1];
    if (!name) return fail(`the contract's ${schemaRef} is not a schema of components.schemas`);
    const validate = schemaValidator(name);
    if (!validate(value)) fail(`body breaks ${schemaRef}: ${describeErrors(validate.errors)}`);
  }
}
