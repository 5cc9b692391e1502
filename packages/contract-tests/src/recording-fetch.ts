import type { Coverage } from './coverage.js';
import type { ResponseChecker } from './response-checker.js';

/**
 * A `fetch` that checks every response against the contract and notes it in the coverage
 * matrix before handing it back. The client is given this as its `fetch`.
 */
export function recordingFetch(checker: ResponseChecker, coverage: Coverage): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    const body = await response.clone().text();
    const operationId = checker.check(request.method, request.url, response.status, response.headers, body);
    if (operationId) coverage.record(operationId, response.status);
    return response;
  };
}
