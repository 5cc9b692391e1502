import { createGameClipsClient } from '@gameclips/client';
import { implementedOperations } from '@gameclips/server';
import { contractOperations } from '@gameclips/contract';
import { describe, expect, it } from 'vitest';

const contractOperationIds = contractOperations.map((op) => op.operationId).sort();

// Every operationId of the YAML has a server handler and a client method, and the reverse:
// adding an operation to the contract without both fails here.
describe('operations of the contract, the server and the client', () => {
  it('are the same set', () => {
    const client = createGameClipsClient({ baseUrl: 'http://127.0.0.1:1', token: 't' });
    const clientMethods = Object.keys(client).filter((key) => key !== 'raw' && typeof client[key as keyof typeof client] === 'function').sort();
    expect(contractOperationIds).toHaveLength(5);
    expect([...implementedOperations].sort()).toEqual(contractOperationIds);
    expect(clientMethods).toEqual(contractOperationIds);
  });
});
