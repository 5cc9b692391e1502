/**
 * Auth attacks: forged, confused, expired, tampered and malformed tokens, and wrong header
 * forms. Each is refused with 401 (4010 for the header form, 4011 for the token) or 403 (4030
 * another scid, 8377 another user's owner data), on reads and writes alike, and nothing is
 * written. The server's pino logs (every level) and the error bodies hold no token material
 * and not the secret.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import type { GameClip } from '@gameclips/types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mintToken, startServer, type RunningServer } from '../../src/index.js';
import { apiHeaders, clipPath } from './support/api.js';
import { printFigures, sortedCounts } from './support/figures.js';
import { send, type HttpResult } from './support/http-client.js';
import { forgeJwt, nowSeconds, tamperPayload, type Signer } from './support/jwt-forge.js';
import { serviceErrorProblems } from './support/service-error.js';

const secretText = `auth-attack-secret-${randomBytes(16).toString('hex')}`;
const secret = new TextEncoder().encode(secretText);
const logLines: string[] = [];
let server: RunningServer;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  server = await startServer({ seed: 'demo', tokenSecret: secretText, logger: pino({ level: 'trace' }, sink) });
});

afterAll(async () => {
  await server?.close();
});

interface Attack {
  name: string;
  /** The Authorization header value; undefined sends none. */
  authorization: string | undefined;
  status: 401 | 403;
  errorCode: number;
  /** The request is an update of owner data (for 8377); by default a read and a view. */
  update?: boolean;
}

function attacks(): Attack[] {
  const { scid, ownerXuid, otherXuid } = server.demo;
  const now = nowSeconds();
  const claims = { xuid: ownerXuid, scid, iat: now, exp: now + 3600 };
  const hs256 = { hmac: 'sha256', key: secret } as const;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const rsaPublicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const jwt = (header: Record<string, unknown>, payload: Record<string, unknown> | string, signer: Signer = hs256) => forgeJwt(header, payload, signer);
  const valid = jwt({ alg: 'HS256', typ: 'JWT' }, claims);
  const token = (name: string, t: string, errorCode = 4011): Attack => ({ name, authorization: `Xauth=${t}`, status: 401, errorCode });
  const form = (name: string, authorization: string | undefined): Attack => ({ name, authorization, status: 401, errorCode: 4010 });
  return [
    token('alg none, no signature', jwt({ alg: 'none', typ: 'JWT' }, claims, { signature: '' })),
    token('alg "None", no signature', jwt({ alg: 'None' }, claims, { signature: '' })),
    token('alg none with a valid HS256 signature', jwt({ alg: 'none', typ: 'JWT' }, claims, hs256)),
    token('no alg at all', jwt({ typ: 'JWT' }, claims)),
    token('HS512 signed with the server secret', jwt({ alg: 'HS512', typ: 'JWT' }, claims, { hmac: 'sha512', key: secret })),
    token('HS384 signed with the server secret', jwt({ alg: 'HS384', typ: 'JWT' }, claims, { hmac: 'sha384', key: secret })),
    token('RS256 header, HMAC signature with the secret', jwt({ alg: 'RS256', typ: 'JWT' }, claims)),
    token('RS256 signed with an attacker RSA key', jwt({ alg: 'RS256', typ: 'JWT' }, claims, { rsa: rsa.privateKey })),
    token('RS256 with the attacker key embedded (jwk)', jwt({ alg: 'RS256', jwk: rsa.publicKey.export({ format: 'jwk' }) }, claims, { rsa: rsa.privateKey })),
    token('ES256 signed with an attacker EC key', jwt({ alg: 'ES256', typ: 'JWT' }, claims, { ec: ec.privateKey })),
    token('HS256 keyed with an RSA public key PEM', jwt({ alg: 'HS256', typ: 'JWT' }, claims, { hmac: 'sha256', key: rsaPublicPem })),
    token('HS256 with a wrong secret', jwt({ alg: 'HS256', typ: 'JWT' }, claims, { hmac: 'sha256', key: 'not the server secret' })),
    token('HS256 with an empty secret', jwt({ alg: 'HS256', typ: 'JWT' }, claims, { hmac: 'sha256', key: '' })),
    token('HS256 with a jku pointing elsewhere', jwt({ alg: 'HS256', jku: 'http://127.0.0.1:1/jwks.json', kid: 'x' }, claims, { hmac: 'sha256', key: 'attacker' })),
    token('kid path traversal, empty key', jwt({ alg: 'HS256', kid: '../../../../dev/null' }, claims, { hmac: 'sha256', key: '' })),
    token('unknown crit header', jwt({ alg: 'HS256', crit: ['x-custom'], 'x-custom': 1 }, claims)),
    token('unencoded payload (b64: false)', jwt({ alg: 'HS256', b64: false, crit: ['b64'] }, claims)),
    token('expired a second ago', jwt({ alg: 'HS256' }, { ...claims, exp: now - 1 })),
    token('expired a year ago', jwt({ alg: 'HS256' }, { ...claims, iat: now - 400 * 86400, exp: now - 365 * 86400 })),
    token('not yet valid (nbf in an hour)', jwt({ alg: 'HS256' }, { ...claims, nbf: now + 3600 })),
    token('exp as a string', jwt({ alg: 'HS256' }, { ...claims, exp: String(now + 3600) })),
    token('payload edited to another xuid, signature kept', tamperPayload(valid, { xuid: otherXuid })),
    token('payload edited to another scid, signature kept', tamperPayload(valid, { scid: '11111111-2222-4333-8444-555555555555' })),
    token('payload edited to a later exp, signature kept', tamperPayload(valid, { exp: now + 10 * 365 * 86400 })),
    token('header edited, signature kept', `${Buffer.from('{"alg":"HS256","typ":"JWT","kid":"1"}').toString('base64url')}.${valid.split('.').slice(1).join('.')}`),
    token('signature removed', `${valid.split('.').slice(0, 2).join('.')}.`),
    token('signature of another token', `${valid.split('.').slice(0, 2).join('.')}.${jwt({ alg: 'HS256' }, { ...claims, xuid: otherXuid }).split('.')[2]}`),
    token('no xuid claim', jwt({ alg: 'HS256' }, { scid, exp: now + 3600 })),
    token('no scid claim', jwt({ alg: 'HS256' }, { xuid: ownerXuid, exp: now + 3600 })),
    token('no exp claim', jwt({ alg: 'HS256' }, { xuid: ownerXuid, scid })),
    token('xuid not digits', jwt({ alg: 'HS256' }, { ...claims, xuid: 'abc' })),
    token('xuid digits then letters', jwt({ alg: 'HS256' }, { ...claims, xuid: `${ownerXuid}abc` })),
    token('xuid as a number', jwt({ alg: 'HS256' }, { ...claims, xuid: Number(ownerXuid) })),
    token('xuid empty', jwt({ alg: 'HS256' }, { ...claims, xuid: '' })),
    token('xuid of 21 digits', jwt({ alg: 'HS256' }, { ...claims, xuid: '1'.repeat(21) })),
    token('xuid with SQL', jwt({ alg: 'HS256' }, { ...claims, xuid: "1' OR '1'='1" })),
    token('scid as a number', jwt({ alg: 'HS256' }, { ...claims, scid: 42 })),
    token('scid of 65 characters', jwt({ alg: 'HS256' }, { ...claims, scid: 'a'.repeat(65) })),
    token('titleId negative', jwt({ alg: 'HS256' }, { ...claims, titleId: -1 })),
    token('titleId fractional', jwt({ alg: 'HS256' }, { ...claims, titleId: 1.5 })),
    token('titleId over 32 bits', jwt({ alg: 'HS256' }, { ...claims, titleId: 2 ** 32 })),
    token('payload not JSON', jwt({ alg: 'HS256' }, '{"xuid":')),
    token('payload an array', jwt({ alg: 'HS256' }, '[1,2,3]')),
    token('five parts (JWE shape)', `${valid}.e30.e30`),
    token('two parts', valid.split('.').slice(0, 2).join('.')),
    token('10 KB of base64url', 'A'.repeat(10_000)),
    token('dots only', '...'),
    { name: 'valid token for another scid', authorization: `Xauth=${jwt({ alg: 'HS256' }, { ...claims, scid: '11111111-2222-4333-8444-555555555555' })}`, status: 403, errorCode: 4030 },
    { name: "another user's valid token editing owner data", authorization: `Xauth=${jwt({ alg: 'HS256' }, { ...claims, xuid: otherXuid })}`, status: 403, errorCode: 8377, update: true },
    form('no Authorization header', undefined),
    form('empty Authorization header', ''),
    form('Bearer scheme', `Bearer ${valid}`),
    form('bare token', valid),
    form('XBL3.0 without x=', `XBL3.0 ${valid}`),
    form('XBL3.0 with an empty user hash', `XBL3.0 x=;${valid}`),
    form('XBL3.0 without the semicolon', `XBL3.0 x=abc${valid}`),
    form('lower-case xbl3.0', `xbl3.0 x=abc;${valid}`),
    form('XBL3.0 with two spaces', `XBL3.0  x=abc;${valid}`),
    form('XBL3.0 with trailing text', `XBL3.0 x=abc;${valid} extra`),
    form('two XBL3.0 values', `XBL3.0 x=abc;${valid},XBL3.0 x=abc;${valid}`),
    form('Xauth with a space', `Xauth ${valid}`),
    form('upper-case XAUTH=', `XAUTH=${valid}`),
    form('Xauth= and nothing', 'Xauth='),
    form('Basic credentials', `Basic ${Buffer.from('owner:password').toString('base64')}`),
    form('token with a non-ASCII byte', `Xauth=${valid}\u00e9`),
  ];
}

/** Every base64url segment of 16+ characters found in Authorization values: what must never be logged. */
function tokenMaterial(values: Array<string | undefined>): string[] {
  const pieces = new Set<string>();
  for (const value of values) for (const piece of (value ?? '').split(/[\s.;=,]+/)) if (piece.length >= 16) pieces.add(piece);
  return [...pieces];
}

describe('auth attacks', () => {
  test('every forged, confused, expired, tampered or malformed credential is refused with the right code, and nothing is written', async () => {
    const { demo } = server;
    const owner = await mintToken(secret, { xuid: demo.ownerXuid, scid: demo.scid });
    const readPath = clipPath(`xuid(${demo.ownerXuid})`, demo.scid, demo.clips.public);
    const read = async () => JSON.parse((await send(server.url, { path: readPath, headers: apiHeaders(owner) })).text).gameClip as GameClip;
    const before = await read();

    const list = attacks();
    const outcomes = new Map<string, number>();
    const wrong: string[] = [];
    const bodies: string[] = [];
    for (const attack of list) {
      const headers = (extra: Record<string, string> = {}) => ({ 'X-RequestedServiceVersion': '1', ...(attack.authorization === undefined ? {} : { Authorization: attack.authorization }), ...extra });
      const requests = attack.update
        ? [{ method: 'POST', path: clipPath(`xuid(${demo.ownerXuid})`, demo.scid, demo.clips.public), headers: headers({ 'Content-Type': 'application/json' }), body: '{"userCaption":"pwned"}' }]
        : [
            { method: 'GET', path: readPath, headers: headers() },
            { method: 'POST', path: `${readPath}/views`, headers: headers() },
            { method: 'POST', path: clipPath('me', demo.scid, demo.clips.public), headers: headers({ 'Content-Type': 'application/json' }), body: '{"userCaption":"pwned"}' },
          ];
      for (const req of requests) {
        const res: HttpResult = await send(server.url, req);
        bodies.push(res.text);
        const got = { status: res.status, errorCode: res.status >= 400 ? JSON.parse(res.text).errorCode : undefined, problems: serviceErrorProblems(res) };
        outcomes.set(`${res.status} ${got.errorCode}`, (outcomes.get(`${res.status} ${got.errorCode}`) ?? 0) + 1);
        if (JSON.stringify(got) !== JSON.stringify({ status: attack.status, errorCode: attack.errorCode, problems: [] })) {
          wrong.push(`${attack.name}: ${req.method} -> ${JSON.stringify(got)} ${res.text.slice(0, 160)}`);
        }
      }
    }
    const after = await read();

    const material = [...tokenMaterial(list.map((a) => a.authorization)), ...tokenMaterial([owner]), secretText];
    const logText = logLines.join('');
    const leakedInLogs = material.filter((m) => logText.includes(m));
    const leakedInBodies = material.filter((m) => bodies.some((b) => b.includes(m)));
    printFigures('auth attacks', {
      attacks: list.length,
      requests: bodies.length,
      'outcomes (status errorCode: count)': JSON.stringify(sortedCounts(outcomes)),
      'wrong outcomes': wrong.length,
      'log lines captured (level trace)': logLines.length,
      'token pieces and secret searched for': material.length,
      'found in logs / in error bodies': `${leakedInLogs.length} / ${leakedInBodies.length}`,
      'clip unchanged (views, caption)': `${after.views === before.views && after.userCaption === before.userCaption}`,
    });
    expect(wrong).toEqual([]);
    expect(logLines.length).toBeGreaterThanOrEqual(bodies.length);
    expect(leakedInLogs).toEqual([]);
    expect(leakedInBodies).toEqual([]);
    expect(after).toEqual(before);
  });

  test('a verified token stops working once it expires, though the verifier had cached it', { timeout: 15_000 }, async () => {
    const { demo } = server;
    const exp = nowSeconds() + 4;
    const token = forgeJwt({ alg: 'HS256' }, { xuid: demo.ownerXuid, scid: demo.scid, iat: nowSeconds(), exp }, { hmac: 'sha256', key: secret });
    const path = clipPath('me', demo.scid, demo.clips.fresh);
    const first = await send(server.url, { path, headers: apiHeaders(`Xauth=${token}`) });
    // Wait (no timing assertion) until the token's exp has certainly passed.
    while (Date.now() <= (exp + 1) * 1000) await sleep(250);
    const second = await send(server.url, { path, headers: apiHeaders(`Xauth=${token}`) });
    printFigures('auth attacks: cached token expiry', { 'before exp': first.status, 'after exp': `${second.status} ${second.text}` });
    expect(first.status).toBe(200);
    expect(second.status).toBe(401);
    expect(JSON.parse(second.text)).toEqual({ errorCode: 4011, errorMessage: 'The token is expired' });
  });
});
