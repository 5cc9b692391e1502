/**
 * Two real server processes (`gameclips-server serve --store postgres`) on one database, as
 * behind a load balancer: writes spread over both must add up exactly, and an If-Match sent
 * to both must let exactly one write through. Needs the built CLI (`npm run build`).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../src/auth/token-minter.js';
import { supportedServiceVersions } from '@gameclips/contract';
import { demo, demoClips } from '../src/store/demo-clips.js';
import { postgresSkipReason, usePostgres, type TestPostgres } from '../src/testing/postgres-cluster.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const SECRET = 'multi-instance-test-secret-0123456789abcdef';
const skip = postgresSkipReason();
if (skip) console.warn(skip);

/** A server process and the URL it listens on. */
interface Instance {
  url: string;
  child: ChildProcess;
}

/** Starts `gameclips-server serve` and resolves with its URL from the "listening" log line. */
function startInstance(databaseUrl: string): Promise<Instance> {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--store', 'postgres', '--database-url', databaseUrl, '--port', '0', '--seed', 'none', '--log-level', 'info'],
    { env: { ...process.env, GAMECLIPS_TOKEN_SECRET: SECRET, GAMECLIPS_PG_POOL_MAX: '5' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    // Every line is read, so request logs never fill the pipe.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output = (output + line + '\n').slice(-4000);
      const entry = parseJson(line);
      if (entry?.msg === 'listening' && typeof entry.url === 'string') {
        clearTimeout(timer);
        resolve({ url: entry.url, child });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function stopInstance({ child }: Instance): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Runs the tasks with at most `limit` in flight; results in task order. */
async function inParallel<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

describe.skipIf(skip !== undefined)(skip ?? 'several server instances on one PostgreSQL database', () => {
  let database: TestPostgres;
  let instances: Instance[] = [];
  const work = mkdtempSync(join(tmpdir(), 'gameclips-multi-'));

  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (xuid: string) => {
    if (!tokens.has(xuid)) tokens.set(xuid, mintToken(new TextEncoder().encode(SECRET), { xuid, scid: demo.scid, titleId: demo.titleId }));
    return tokens.get(xuid)!;
  };

  /** Calls instance `i % 2` for clip `clip` (owned by ownerXuid) at `suffix`. */
  async function call(i: number, xuid: string, method: string, clip: string, suffix = '', init: { body?: unknown; ifMatch?: string } = {}) {
    const owner = clip === demo.clips.othersPublic ? demo.otherXuid : demo.ownerXuid;
    const url = `${instances[i % instances.length]!.url}/users/xuid(${owner})/scids/${demo.scid}/clips/${clip}${suffix}`;
    const headers: Record<string, string> = {
      Authorization: await tokenFor(xuid),
      'X-RequestedServiceVersion': supportedServiceVersions[0]!,
    };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.ifMatch !== undefined) headers['If-Match'] = init.ifMatch;
    const response = await fetch(url, { method, headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
    const text = await response.text();
    return { status: response.status, etag: response.headers.get('etag'), json: text ? (JSON.parse(text) as Record<string, any>) : undefined };
  }
  const read = async (i: number, clip: string) => (await call(i, demo.ownerXuid, 'GET', clip)).json!.gameClip;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the server first (npm run build, or npx tsc -p tsconfig.build.json in apps/server)`);
    database = await usePostgres();
    const url = await database.freshSchemaUrl();
    // The seed command loads the demo clips into PostgreSQL; then both instances serve them.
    const fixtures = join(work, 'clips.json');
    writeFileSync(fixtures, JSON.stringify(demoClips));
    const seeded = await promisify(execFile)(process.execPath, [CLI, 'seed', '--store', 'postgres', '--database-url', url, fixtures]);
    expect(seeded.stdout).toMatch(new RegExp(`Loaded ${demoClips.length} clips .* into PostgreSQL`));
    instances = await Promise.all([startInstance(url), startInstance(url)]);
  });

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await database?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('serves the same clip from both instances', async () => {
    expect(instances).toHaveLength(2);
    expect(instances[0]!.url).not.toBe(instances[1]!.url);
    const [one, two] = await Promise.all([call(0, demo.ownerXuid, 'GET', demo.clips.public), call(1, demo.ownerXuid, 'GET', demo.clips.public)]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(one.json).toEqual(two.json);
    expect(one.etag).toBe(two.etag);
  });

  it('adds up 400 concurrent views spread over both instances exactly', async () => {
    const before = await read(0, demo.clips.public);
    const responses = await inParallel(400, 32, (i) => call(i, demo.otherXuid, 'POST', demo.clips.public, '/views'));
    expect(responses.filter((r) => r.status !== 200)).toEqual([]);
    // Views do not change the ETag (the owner's metadata): every one carries the read's.
    const { etag } = await call(1, demo.ownerXuid, 'GET', demo.clips.public);
    expect(new Set(responses.map((r) => r.etag))).toEqual(new Set([etag]));
    for (const i of [0, 1]) expect((await read(i, demo.clips.public)).views).toBe(before.views + 400);
  });

  it('keeps count and mean exact when 120 raters rate, and half re-rate, over both instances', async () => {
    const clip = demo.clips.othersPublic;
    const before = await read(0, clip);
    const rater = (i: number) => String(2533274900001000 + i);
    const first = (i: number) => (i % 5) + 1;
    const second = (i: number) => ((i * 3 + 1) % 5) + 1;
    const rated = await inParallel(120, 24, (i) => call(i, rater(i), 'POST', clip, `/ratings/${first(i)}`));
    // The re-ratings go to the other instance than the first rating did.
    const rerated = await inParallel(60, 24, (j) => call(2 * j + 1, rater(2 * j), 'POST', clip, `/ratings/${second(2 * j)}`));
    expect([...rated, ...rerated].filter((r) => r.status !== 200)).toEqual([]);

    let sum = before.rating * before.ratingCount;
    for (let i = 0; i < 120; i++) sum += i % 2 === 0 ? second(i) : first(i);
    for (const i of [0, 1]) {
      const after = await read(i, clip);
      expect(after.ratingCount).toBe(before.ratingCount + 120);
      expect(after.rating).toBeCloseTo(sum / (before.ratingCount + 120), 9);
    }
  });

  it('lets exactly one of the metadata updates carrying the same If-Match through, on either instance', async () => {
    const clip = demo.clips.public;
    for (const kind of ['metadata', 'rating', 'view', 'metadata', 'rating', 'view'] as const) {
      const { etag } = await call(0, demo.ownerXuid, 'GET', clip);
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) => {
          const ifMatch = etag!;
          if (kind === 'metadata') return call(i, demo.ownerXuid, 'POST', clip, '', { body: { userCaption: `caption ${i}` }, ifMatch });
          if (kind === 'rating') return call(i, String(2533274900002000 + i), 'POST', clip, '/ratings/4', { ifMatch });
          return call(i, demo.otherXuid, 'POST', clip, '/views', { ifMatch });
        }),
      );
      const winners = responses.flatMap((r, i) => (r.status === 200 ? [i] : []));
      const after = await call(1, demo.ownerXuid, 'GET', clip);
      if (kind === 'metadata') {
        expect(winners, kind).toHaveLength(1);
        expect(responses.filter((r) => r.status === 412), kind).toHaveLength(9);
        expect(after.etag).toBe(responses[winners[0]!]!.etag);
        expect(after.json!.gameClip.userCaption).toBe(`caption ${winners[0]}`);
      } else {
        // Ratings and views leave the metadata, and so the ETag, as they are: all pass.
        expect(winners, kind).toHaveLength(10);
        expect(after.etag).toBe(etag);
      }
    }
  });
});
