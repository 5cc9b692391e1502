#!/usr/bin/env node
// Writes dist/gameclips.yaml, the contract this package ships, from openapi/gameclips.yaml.
// The source is one file whose `$ref`s are all local (`#/...`), so its bundle is the file
// itself: a plain copy. Should the source ever be split, this stops the build, because then
// it needs `redocly bundle` (with `--skip-decorator`, so the docs' decorations stay out).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const source = new URL('../../../openapi/gameclips.yaml', import.meta.url);
const target = new URL('../dist/gameclips.yaml', import.meta.url);

/** Every `$ref` of a parsed document that points outside it. */
function externalRefs(node, found = []) {
  if (Array.isArray(node)) for (const item of node) externalRefs(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) found.push(value);
      else externalRefs(value, found);
    }
  }
  return found;
}

const text = readFileSync(source, 'utf8');
const external = externalRefs(parse(text));
if (external.length > 0) {
  console.error(`${fileURLToPath(source)} refers to other files (${external.join(', ')}): bundle it instead of copying it.`);
  process.exit(1);
}
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, text);
console.log(`contract: ${fileURLToPath(target)} (${Buffer.byteLength(text)} bytes)`);
