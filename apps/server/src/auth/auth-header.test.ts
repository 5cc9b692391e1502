import { describe, expect, it } from 'vitest';
import { ServiceError } from '../errors/service-error.js';
import { authHeaderFor, tokenFromAuthHeader } from './auth-header.js';

describe('tokenFromAuthHeader', () => {
  it('reads both accepted forms', () => {
    expect(tokenFromAuthHeader('XBL3.0 x=123abc;aaa.bbb.ccc')).toBe('aaa.bbb.ccc');
    expect(tokenFromAuthHeader('Xauth=aaa.bbb.ccc')).toBe('aaa.bbb.ccc');
  });

  it.each([undefined, '', 'Bearer aaa.bbb.ccc', 'XBL3.0 aaa.bbb.ccc', 'XBL3.0 x=;aaa', 'Xauth=', 'Xauth=a b', 'XBL3.0 x=1;a;b'])(
    'refuses %j as MissingToken',
    (header) => {
      expect(() => tokenFromAuthHeader(header)).toThrowError(ServiceError);
      try {
        tokenFromAuthHeader(header);
      } catch (error) {
        expect((error as ServiceError).errorCode).toBe(4010);
      }
    },
  );

  it('round-trips with authHeaderFor', () => {
    for (const form of ['xbl3', 'xauth'] as const) expect(tokenFromAuthHeader(authHeaderFor('t.t.t', form, 'h'))).toBe('t.t.t');
    expect(authHeaderFor('t.t.t', 'bare', 'h')).toBe('t.t.t');
  });
});
