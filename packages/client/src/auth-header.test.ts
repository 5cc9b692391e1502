import { describe, expect, it } from 'vitest';
import { authHeader } from './auth-header.js';

describe('authHeader', () => {
  it('sends a full Authorization value as it is, whatever the scheme', () => {
    expect(authHeader('XBL3.0 x=123;eyJ.a.b', 'xauth', '0')).toBe('XBL3.0 x=123;eyJ.a.b');
    expect(authHeader('Xauth=eyJ.a.b', 'xbl3', '0')).toBe('Xauth=eyJ.a.b');
  });

  it('wraps a bare token in the form the scheme names', () => {
    expect(authHeader('eyJ.a.b', 'xauth', '0')).toBe('Xauth=eyJ.a.b');
    expect(authHeader('eyJ.a.b', 'xbl3', '9876')).toBe('XBL3.0 x=9876;eyJ.a.b');
  });

  it('trims whitespace around the token', () => {
    expect(authHeader('  eyJ.a.b\n', 'xauth', '0')).toBe('Xauth=eyJ.a.b');
  });
});
