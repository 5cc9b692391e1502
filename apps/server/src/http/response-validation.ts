import type { Express, Response } from 'express';
import type { Logger } from 'pino';
import { contractOperations, describeErrors, schemaValidator } from '@gameclips/contract';
import { ServiceError } from '../errors/service-error.js';
import { contextOf } from './request-context.js';
import { routedOperation } from './routed-operation.js';

const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

/**
 * What a JSON body of one declared status must be: its schema's validator; null when the
 * contract declares no body; 'bytes' when it declares a body of another media type (a file
 * download), which is streamed, never sent as JSON.
 */
type BodyCheck = ReturnType<typeof schemaValidator> | null | 'bytes';

let table: ReadonlyMap<string, ReadonlyMap<string, BodyCheck>> | undefined;

/**
 * Per operationId and declared status, the validator of its JSON body, compiled once by the
 * contract's one Ajv (`@gameclips/contract`) for every server of the process.
 */
export function responseChecks(): ReadonlyMap<string, ReadonlyMap<string, BodyCheck>> {
  table ??= new Map(
    contractOperations.map((operation) => [
      operation.operationId,
      new Map(
        Object.entries(operation.responses).map(([status, response]): [string, BodyCheck] => {
          if (response.content !== undefined && !('application/json' in response.content)) return [status, 'bytes'];
          const ref = response.content?.['application/json']?.schema?.$ref as string | undefined;
          const name = ref === undefined ? undefined : SCHEMA_REF.exec(ref)?.[1];
          if (response.content !== undefined && name === undefined) {
            throw new Error(`${operation.operationId} ${status}: a response body must be a $ref to components.schemas`);
          }
          return [status, name === undefined ? null : schemaValidator(name)];
        }),
      ),
    ]),
  );
  return table;
}

/** Why `body`, answered with `status` to `operationId`, breaks the contract; undefined when it does not. */
export function responseProblem(operationId: string, status: number, body: unknown): string | undefined {
  const declared = responseChecks().get(operationId);
  if (!declared) return undefined;
  const check = declared.get(String(status));
  if (check === undefined) return `status ${status} is not declared`;
  if (check === null) return body === undefined ? undefined : 'the contract declares no body';
  if (check === 'bytes') return 'the contract declares a file, not JSON';
  return check(body) ? undefined : describeErrors(check.errors);
}

/**
 * Validates every JSON answer of an operation against the contract, as it is sent (`res.json`),
 * with validators compiled once per operation and status; 5xx answers are left as they are. A
 * breach is an internal error, logged: the handler's answer becomes a 500, and an error answer
 * that breaks the contract is replaced by the 500's own. It is the app's own `res.json` (on
 * `app.response`, the prototype of the app's responses), so that a request costs no wrapper of
 * its own; answers to no operation (the docs, health) are sent as they are.
 */
export function validateJsonResponses(app: Express, logger: Logger): void {
  const json = app.response.json;
  app.response.json = function validatedJson(this: Response, body: unknown) {
    const operation = routedOperation(this.req);
    const context = contextOf(this);
    if (operation === undefined || context.responseChecked) return json.call(this, body);
    context.responseChecked = true;
    const problem = this.statusCode < 500 ? responseProblem(operation.operationId, this.statusCode, body) : undefined;
    if (problem === undefined) return json.call(this, body);
    const breach = new ServiceError('InternalError', undefined, {
      cause: new Error(`The ${this.statusCode} answer to ${operation.operationId} breaks the contract: ${problem}`),
    });
    // A handler's answer goes the one error path; the error path's own answer is replaced here.
    if (context.error === undefined) throw breach;
    logger.error({ err: breach, method: this.req.method, path: this.req.path }, 'internal error');
    context.error = breach;
    this.removeHeader('Retry-After');
    this.removeHeader('Allow');
    return json.call(this.status(breach.status), { errorCode: breach.errorCode, errorMessage: breach.message });
  } as Response['json'];
}
