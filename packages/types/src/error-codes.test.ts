import { errorCodeTable } from '@gameclips/contract';
import { describe, expect, it } from 'vitest';
import { errorCodes } from './index.js';
// @ts-expect-error: the generator is a plain ESM script without types
import { renderErrorCodes } from '../scripts/generate-error-codes.mjs';

describe('errorCodes', () => {
  it('holds exactly the x-error-codes table of the contract', () => {
    const fromConstant = Object.entries(errorCodes).map(([name, e]) => ({ name, ...e }));
    expect(fromConstant).toEqual(errorCodeTable.map(({ code, name, status, message }) => ({ name, code, status, message })));
  });

  it('has the service code 8377 for a XUID that is not the caller', () => {
    expect(errorCodes.XuidMismatch).toEqual({
      code: 8377,
      status: 403,
      message: 'XUID specified in the claim does not match URI XUID',
    });
  });

  it('gives each code one entry and an error status', () => {
    const codes = Object.values(errorCodes).map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of Object.values(errorCodes)) expect(e.status).toBeGreaterThanOrEqual(400);
  });

  it('renders a different file when the table changes, so the drift check can fail', () => {
    const edited = errorCodeTable.map((e) => (e.code === 8377 ? { ...e, code: 8378 } : e));
    expect(renderErrorCodes(edited)).not.toBe(renderErrorCodes(errorCodeTable));
    expect(renderErrorCodes(edited)).toContain('code: 8378');
  });
});
