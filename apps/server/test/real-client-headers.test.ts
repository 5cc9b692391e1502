/**
 * Rule 15: what real Xbox clients send. `x-xbl-contract-version` (1 or 2) satisfies the
 * version rule as `X-RequestedServiceVersion` does; `Accept-Language`, `MS-CV` and
 * `Accept-Encoding: gzip` are accepted, with the `XBL3.0` authorization form.
 */
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf, send, TestApi, type TestCaller } from './support/api-client.js';

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decode), the body left as sent. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe("real clients' headers (rule 15)", () => {
  let api: TestApi;
  let owner: TestCaller;

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await api.caller(api.demo.ownerXuid);
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists clips for x-xbl-contract-version 2 with Accept-Language, MS-CV, gzip and XBL3.0 auth, as @xboxreplay/xboxlive-api sends', async () => {
    expect(owner.authorization).toMatch(/^XBL3\.0 x=[^;]+;/);
    const response = await rawGet(`${api.server.url}/users/xuid(${api.demo.ownerXuid})/clips?maxItems=25`, {
      Authorization: owner.authorization,
      'x-xbl-contract-version': '2',
      'Accept-Language': 'en-US',
      'MS-CV': '0Gq8+yH0kUyEbK4c.1',
      'Accept-Encoding': 'gzip',
      Accept: 'application/json',
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['x-requestedserviceversion']).toBe('1');
    const body = JSON.parse(gunzipSync(response.body).toString('utf8'));
    expect(body.gameClips).toHaveLength(5);
    expect(body.pagingInfo).toEqual({ continuationToken: null, totalItems: 5 });
  });

  it.each([
    ['x-xbl-contract-version 1 alone', { 'x-xbl-contract-version': '1' }, 200],
    ['both headers, each supported', { 'x-xbl-contract-version': '2', 'X-RequestedServiceVersion': '1' }, 200],
    ['x-xbl-contract-version 3', { 'x-xbl-contract-version': '3' }, 406],
    ['a supported contract version with an unsupported service version', { 'x-xbl-contract-version': '2', 'X-RequestedServiceVersion': '2' }, 406],
    ['neither header', {}, 400],
  ] as const)('answers %s with %i, on lists and on clip reads alike', async (_, versions, status) => {
    for (const url of [`${api.server.url}/users/me/clips`, api.clipUrl(api.demo.clips.public)]) {
      const response = await send(url, { headers: { Authorization: owner.authorization, ...versions } });
      expect(response.status, url).toBe(status);
      if (status === 406) expect(errorCodeOf(response)).toBe(4060);
      if (status === 400) expect(errorCodeOf(response)).toBe(4001);
    }
  });

  it('takes x-xbl-contract-version on writes too', async () => {
    const response = await send(api.clipUrl(api.demo.clips.public, { suffix: '/views' }), {
      method: 'POST',
      headers: { Authorization: owner.authorization, 'x-xbl-contract-version': '2', 'Accept-Language': 'de-DE' },
    });
    expect(response.status).toBe(200);
  });

  it('lets a web page on another origin send them, and DELETE, after a preflight', async () => {
    const response = await send(`${api.server.url}/users/me/scids/${api.demo.scid}/clips/${api.demo.clips.fresh}`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'x-xbl-contract-version, ms-cv' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toContain('DELETE');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/x-xbl-contract-version.*MS-CV/);
  });
});
