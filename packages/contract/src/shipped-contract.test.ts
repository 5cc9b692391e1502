import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { contractDocument, loadContract } from './contract-document.js';
import { contractPath, contractText } from './contract-file.js';
import { errorCodeTable, errorCodesOf } from './error-codes.js';
import { supportedServiceVersions } from './service-versions.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const sourceText = readFileSync(new URL('../../../openapi/gameclips.yaml', import.meta.url), 'utf8');

describe('the contract shipped in dist/', () => {
  it('is the same contract as openapi/gameclips.yaml (rebuild the package when this fails)', () => {
    expect(parse(contractText)).toEqual(parse(sourceText));
    // The source has no external $ref, so the build copies it byte for byte.
    expect(contractText).toBe(sourceText);
  });

  it('lives inside the package, so an installed copy reads nothing outside its folder', () => {
    expect(dirname(contractPath)).toBe(`${packageDir}dist`);
    expect(readFileSync(contractPath, 'utf8')).toBe(contractText);
  });
});

describe('the parsed contract', () => {
  it('is the YAML, frozen', () => {
    expect(contractDocument).toEqual(parse(sourceText));
    expect(Object.isFrozen(contractDocument)).toBe(true);
    expect(Object.isFrozen(contractDocument.components.schemas.GameClip.properties)).toBe(true);
    expect(() => {
      contractDocument.info.version = '2';
    }).toThrow(TypeError);
  });

  it('comes as a fresh mutable copy from loadContract', () => {
    const copy = loadContract();
    copy.info.version = '2';
    delete copy.paths;
    expect(contractDocument.info.version).toBe(parse(sourceText).info.version);
    expect(contractDocument.paths).toBeDefined();
    expect(loadContract()).not.toBe(loadContract());
  });

  it('gives the supported service versions from info.version', () => {
    expect(supportedServiceVersions).toEqual([String(parse(sourceText).info.version)]);
  });
});

describe('the error-code table', () => {
  it('is x-error-codes of the contract, 8377 included', () => {
    expect(errorCodeTable).toEqual(parse(sourceText)['x-error-codes']);
    expect(errorCodeTable.find((e) => e.code === 8377)).toEqual({
      code: 8377,
      name: 'XuidMismatch',
      status: 403,
      message: 'XUID specified in the claim does not match URI XUID',
    });
  });

  it('is required of a document', () => {
    expect(() => errorCodesOf({ openapi: '3.1.0' })).toThrow('no x-error-codes table');
    expect(() => errorCodesOf({ 'x-error-codes': [] })).toThrow('no x-error-codes table');
  });
});
