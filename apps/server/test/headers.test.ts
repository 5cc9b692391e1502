import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractText } from '@gameclips/contract';
import { errorCodeOf, send, TestApi, type TestCaller } from './support/api-client.js';

let api: TestApi;
let owner: TestCaller;

beforeAll(async () => {
  api = await TestApi.start();
  owner = await api.caller(api.demo.ownerXuid);
});
afterAll(() => api.close());

function expectCommonHeaders(headers: Headers): void {
  expect(headers.get('x-requestedserviceversion')).toBe('1');
  expect(headers.get('cache-control')).toBe('private, no-cache');
  expect(headers.get('vary')).toContain('Authorization');
  expect(headers.get('x-powered-by')).toBeNull();
}

describe('response headers', () => {
  it('sends the version, Cache-Control and Vary on successes and errors alike', async () => {
    const ok = await api.get(api.clipUrl(api.demo.clips.public), owner);
    const refused = await api.get(api.clipUrl(api.demo.clips.public), undefined);
    const unknown = await api.get(`${api.server.url}/nope`, owner);
    for (const response of [ok, refused, unknown]) expectCommonHeaders(response.headers);
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('gives reads and writes a strong ETag that only metadata updates change', async () => {
    const url = api.clipUrl(api.demo.clips.fresh);
    const tags = [(await api.get(url, owner)).headers.get('etag')];
    tags.push((await api.postJson(url, owner, { userCaption: 'one' })).headers.get('etag'));
    tags.push((await api.post(`${url}/views`, owner)).headers.get('etag'));
    tags.push((await api.post(`${url}/ratings/5`, owner)).headers.get('etag'));
    tags.push((await api.get(url, owner)).headers.get('etag'));
    tags.push((await api.postJson(url, owner, { visibility: 'Public' })).headers.get('etag'));
    for (const tag of tags) expect(tag).toMatch(/^"[^"]+"$/);
    expect(tags[1]).not.toBe(tags[0]);
    expect(tags.slice(2, 5)).toEqual([tags[1], tags[1], tags[1]]);
    expect(tags[5]).not.toBe(tags[1]);
  });

  it('answers a read with If-None-Match 200 and the clip, never 304', async () => {
    const url = api.clipUrl(api.demo.clips.fresh);
    const first = await api.get(url, owner);
    const etag = first.headers.get('etag')!;
    await api.post(`${url}/views`, owner);
    for (const ifNoneMatch of [etag, '*', `"nope", ${etag}`]) {
      const again = await api.get(url, owner, { 'If-None-Match': ifNoneMatch });
      expect(again.status).toBe(200);
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.json.gameClip.views).toBe(first.json.gameClip.views + 1);
    }
  });

  it('writes when If-Match holds the current ETag, a list containing it, or *', async () => {
    const url = api.clipUrl(api.demo.clips.fresh);
    const current = (await api.get(url, owner)).headers.get('etag')!;
    const first = await api.postJson(url, owner, { userCaption: 'matched' }, { 'If-Match': current });
    expect(first.status).toBe(200);
    const second = await api.postJson(url, owner, { userCaption: 'listed' }, { 'If-Match': `"nope", ${first.headers.get('etag')}` });
    expect(second.status).toBe(200);
    expect((await api.postJson(url, owner, { userCaption: 'star' }, { 'If-Match': '*' })).status).toBe(200);
    const stale = await api.postJson(url, owner, { userCaption: 'stale' }, { 'If-Match': current });
    expect(stale.status).toBe(412);
    expect((await api.stored(api.demo.clips.fresh)).userCaption).toBe('star');
  });

  it('compresses with gzip when asked', async () => {
    await api.postJson(api.clipUrl(api.demo.clips.fresh), owner, { titleData: 'x'.repeat(4000) });
    const raw = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      const req = request(api.clipUrl(api.demo.clips.fresh), { headers: { ...api.headers(owner), 'Accept-Encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(raw.encoding).toBe('gzip');
    expect(JSON.parse(gunzipSync(raw.body).toString()).gameClip.titleData).toBe('x'.repeat(4000));
  });
});

describe('fault injection', () => {
  it.each([503, 429] as const)('answers %i with Retry-After for the chosen share of requests', async (status) => {
    api.server.setFaults({ rate: 0.5, status, retryAfterSeconds: 3 });
    try {
      const responses = [];
      for (let i = 0; i < 6; i++) responses.push(await api.get(api.clipUrl(api.demo.clips.public), owner));
      expect(responses.map((r) => r.status)).toEqual([200, status, 200, status, 200, status]);
      const fault = responses[1]!;
      expect(fault.headers.get('retry-after')).toBe('3');
      expect(errorCodeOf(fault)).toBe(status === 503 ? 5030 : 4290);
      expectCommonHeaders(fault.headers);
    } finally {
      api.server.setFaults({});
    }
  });

  it('leaves /healthz alone', async () => {
    api.server.setFaults({ rate: 1 });
    try {
      expect((await send(`${api.server.url}/healthz`)).status).toBe(200);
    } finally {
      api.server.setFaults({});
    }
  });
});

describe('other routes', () => {
  it('serves /healthz after checking the store', async () => {
    const response = await send(`${api.server.url}/healthz`);
    expect(response.json).toEqual({ status: 'ok', store: 'sqlite' });
  });

  it('serves the contract itself at /openapi.yaml', async () => {
    const response = await send(`${api.server.url}/openapi.yaml`);
    expect(response.headers.get('content-type')).toMatch(/yaml/);
    expect(response.text).toBe(contractText);
  });

  it('serves the Redoc page at /docs', async () => {
    const response = await send(`${api.server.url}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.text).toContain('"operationId":"updateClipMetadata"');
  });
});

describe('CORS, for web apps on another origin', () => {
  it('answers a preflight with the methods and headers the API uses', async () => {
    const response = await send(api.clipUrl(api.demo.clips.public), {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, if-match, x-requestedserviceversion' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/If-Match.*X-RequestedServiceVersion/);
  });

  it('exposes ETag and Retry-After to scripts', async () => {
    const response = await api.get(api.clipUrl(api.demo.clips.public), owner, { Origin: 'http://app.localhost:3000' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('leaves OPTIONS without a preflight to the contract (405)', async () => {
    const response = await send(api.clipUrl(api.demo.clips.public), { method: 'OPTIONS', headers: api.headers(owner) });
    expect(response.status).toBe(405);
  });
});
