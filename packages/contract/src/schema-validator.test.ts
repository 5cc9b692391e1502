import { describe, expect, it } from 'vitest';
import { contractAjv, describeErrors, schemaValidator } from './schema-validator.js';

describe('schemaValidator', () => {
  it('validates an enum of the contract', () => {
    const validate = schemaValidator('GameClipVisibility');
    expect(validate('Public')).toBe(true);
    expect(validate('Everyone')).toBe(false);
    expect(describeErrors(validate.errors)).toBe('(root) must be equal to one of the allowed values: None, Default, Owner, Title, Public');
  });

  it('applies the contract rules of an update: at least one member, none unknown', () => {
    const validate = schemaValidator('UpdateMetadataRequest');
    expect(validate({ userCaption: 'hi', visibility: 'Owner' })).toBe(true);
    expect(validate({})).toBe(false);
    expect(validate({ userCaption: 'hi', colour: 'red' })).toBe(false);
    expect(validate({ visibility: 'None' })).toBe(false);
  });

  it("follows $refs between the contract's schemas", () => {
    const validate = schemaValidator('GetClipResponse');
    expect(validate({ gameClip: { nonsense: true } })).toBe(false);
    expect(describeErrors(validate.errors)).toContain('/gameClip');
  });

  it('knows the formats: int32 bounds, date-time, uri', () => {
    const error = schemaValidator('ServiceErrorResponse');
    expect(error({ errorCode: 2 ** 31 - 1, errorMessage: 'max' })).toBe(true);
    expect(error({ errorCode: -(2 ** 31), errorMessage: 'min' })).toBe(true);
    expect(error({ errorCode: 2 ** 31, errorMessage: 'over' })).toBe(false);
    expect(error({ errorCode: null, errorMessage: 'none' })).toBe(true);
    expect(error({ errorCode: 1.5, errorMessage: 'fraction' })).toBe(false);
    const uri = schemaValidator('GameClipUri');
    const good = { uri: 'https://example.test/clip.mp4', fileSize: 1, uriType: 'Download', expiration: '2026-12-01T00:00:00Z' };
    expect(uri(good), describeErrors(uri.errors)).toBe(true);
    expect(uri({ ...good, expiration: 'tomorrow' })).toBe(false);
    expect(uri({ ...good, uri: 'not a uri' })).toBe(false);
  });

  it('throws for a schema the contract does not have', () => {
    expect(() => schemaValidator('Nothing')).toThrow('The contract has no schema Nothing');
  });

  it('compiles each schema once, on one shared Ajv', () => {
    expect(schemaValidator('GameClip')).toBe(schemaValidator('GameClip'));
    expect(contractAjv()).toBe(contractAjv());
  });
});

describe('describeErrors', () => {
  it('says nothing when there are no errors', () => {
    expect(describeErrors(null)).toBe('');
    expect(describeErrors([])).toBe('');
  });
});
