import { createGameClipsClient } from '@gameclips/client';
import { implementedOperations } from '@gameclips/server';
import { contractOperations } from '@gameclips/contract';
import { describe, expect, it } from 'vitest';

const contractOperationIds = contractOperations.map((op) => op.operationId).sort();

/**
 * The client method of each operation: the contract names it in `x-client-method` where one
 * method covers several operations (`listClips` covers the six user lists); otherwise it is
 * the operationId.
 */
const clientMethodOf = new Map(contractOperations.map((op) => [op.operationId, String(op.operation['x-client-method'] ?? op.operationId)]));

/** Client members that are not operations: the raw openapi-fetch client and the page iterator over the list methods. */
const HELPERS = new Set(['raw', 'clips']);

// Every operationId of the YAML has a server handler and a client method, and the reverse:
// adding an operation to the contract without both fails here.
describe('operations of the contract, the server and the client', () => {
  const client = createGameClipsClient({ baseUrl: 'http://127.0.0.1:1', token: 't' });
  const clientMethods = Object.keys(client)
    .filter((key) => !HELPERS.has(key) && typeof client[key as keyof typeof client] === 'function')
    .sort();

  it('has a server handler for every operation, and no handler for anything else', () => {
    expect(contractOperationIds).toHaveLength(21);
    expect([...implementedOperations].sort()).toEqual(contractOperationIds);
  });

  it('has the client method the contract names for every operation, and no method the contract does not name', () => {
    expect([...new Set(clientMethodOf.values())].sort()).toEqual(clientMethods);
    for (const [operationId, method] of clientMethodOf) {
      expect(typeof client[method as keyof typeof client], `${operationId} -> ${method}`).toBe('function');
    }
    for (const helper of HELPERS) expect(client).toHaveProperty(helper);
  });

  it('names in x-client-method only methods that cover several operations of one kind, and the upload that sends every block', () => {
    const named = contractOperations.filter((op) => op.operation['x-client-method'] !== undefined);
    expect(new Set(named.map((op) => op.operation['x-client-method']))).toEqual(new Set(['listClips', 'listPublicClips', 'uploadClip']));
    for (const op of named) expect(op.method).toBe(op.operation['x-client-method'] === 'uploadClip' ? 'PUT' : 'GET');
  });
});
