import { describe, expect, it } from 'vitest';
import { contractDocument } from './contract-document.js';
import { isRef, resolveRef } from './resolve-ref.js';

const document = {
  components: {
    schemas: {
      Id: { type: 'string' },
      Alias: { $ref: '#/components/schemas/Id' },
      Loop: { $ref: '#/components/schemas/Loop' },
    },
  },
  paths: { '/a/{b}': { 'x~y': { value: 1 } } },
  'with space': { value: 2 },
};

describe('resolveRef', () => {
  it('returns a node that is no reference as it is', () => {
    const node = { type: 'integer' };
    expect(resolveRef(document, node)).toBe(node);
    expect(resolveRef(document, undefined)).toBeUndefined();
  });

  it('follows a reference, and the reference it leads to', () => {
    expect(resolveRef(document, { $ref: '#/components/schemas/Alias' })).toBe(document.components.schemas.Id);
  });

  it('unescapes JSON pointer segments (~1 and ~0) and percent-encoding', () => {
    expect(resolveRef(document, { $ref: '#/paths/~1a~1%7Bb%7D/x~0y' })).toEqual({ value: 1 });
    expect(resolveRef(document, { $ref: '#/with%20space' })).toEqual({ value: 2 });
    expect(resolveRef(document, { $ref: '#' })).toBe(document);
  });

  it('throws on a pointer to nothing, a reference to another file and a cycle', () => {
    expect(() => resolveRef(document, { $ref: '#/components/schemas/Missing' })).toThrow('points at nothing');
    expect(() => resolveRef(document, { $ref: '#/components/schemas/Id/type/length' })).toThrow('points at nothing');
    expect(() => resolveRef(document, { $ref: 'other.yaml#/components/schemas/Id' })).toThrow('only references inside the document');
    expect(() => resolveRef(document, { $ref: '#/components/schemas/Loop' })).toThrow('cycle');
  });

  it('resolves the references of the shipped contract', () => {
    const clip = resolveRef(contractDocument, { $ref: '#/components/schemas/GetClipResponse' });
    expect(clip.properties.gameClip).toEqual({ $ref: '#/components/schemas/GameClip' });
    expect(resolveRef(contractDocument, clip.properties.gameClip).type).toBe('object');
  });
});

describe('isRef', () => {
  it('tells reference objects from other nodes', () => {
    expect(isRef({ $ref: '#/a' })).toBe(true);
    expect(isRef({ $ref: 1 })).toBe(false);
    expect(isRef(null)).toBe(false);
    expect(isRef('#/a')).toBe(false);
  });
});
