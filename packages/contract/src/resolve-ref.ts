import type { OpenApiObject } from './openapi-document.js';

/** More `$ref`s in a row than this is a cycle. */
const MAX_HOPS = 32;

/** Whether a node is a reference object (`{ $ref: '...' }`). */
export function isRef(node: unknown): node is { $ref: string } {
  return typeof node === 'object' && node !== null && typeof (node as { $ref?: unknown }).$ref === 'string';
}

/** The node a local JSON pointer (`#/components/schemas/GameClip`) points at in a document. */
function pointerTarget(document: OpenApiObject, ref: string): unknown {
  if (!ref.startsWith('#')) throw new Error(`Cannot follow $ref ${ref}: only references inside the document (#/...) are supported`);
  const pointer = decodeURIComponent(ref.slice(1));
  if (pointer === '') return document;
  if (!pointer.startsWith('/')) throw new Error(`Cannot follow $ref ${ref}: it is not a JSON pointer`);
  let at: unknown = document;
  for (const segment of pointer.slice(1).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) throw new Error(`$ref ${ref} points at nothing`);
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/**
 * Follows a node's `$ref`, and the `$ref` it leads to, to the node they point at; a node
 * that is no reference comes back as it is. Throws on a reference to another file, a
 * pointer to nothing and a cycle.
 */
export function resolveRef<T = OpenApiObject>(document: OpenApiObject, node: unknown): T {
  let current = node;
  for (let hops = 0; isRef(current); hops++) {
    if (hops === MAX_HOPS) throw new Error(`$ref ${current.$ref} is part of a cycle`);
    current = pointerTarget(document, current.$ref);
  }
  return current as T;
}
