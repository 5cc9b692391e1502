/**
 * Crash safety: `gameclips-server serve` on a SQLite file is killed with SIGKILL in the middle
 * of a stream of writes, then restarted on the same file. Every write that was answered 200
 * must be there, nothing half-written may be, and `PRAGMA integrity_check` must say `ok`.
 *
 * "Every acknowledged write is there", kind by kind (a write in flight at the kill may or may
 * not have landed; nothing else may differ):
 * - views: base + acknowledged <= views <= base + sent;
 * - updates (one sequential stream per clip, caption and titleData in one request): the clip
 *   holds exactly the pair of the last acknowledged update or of a later one that was sent,
 *   never a caption of one request with the titleData of another;
 * - ratings (raters rate once or twice in sequence): the rater's row holds the last
 *   acknowledged value or a later one sent; a rater never acknowledged has no row or a value
 *   they sent; rating_count and rating_sum agree with the rows;
 * - flags: every acknowledged flagger has a row; flag_count agrees with the rows;
 * - every clip's metadata version is at least the highest version an acknowledged ETag named;
 * - after the restart, the API reports exactly what the file holds.
 *
 * Sizes: GAMECLIPS_CRASH_ROUNDS (4), GAMECLIPS_CRASH_WRITES (most acknowledged writes before a
 * kill, 400), GAMECLIPS_CRASH_SEED.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { GameClip } from '@gameclips/types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demo, mintToken } from '../../src/index.js';
import { apiHeaders, clipPath, etagVersion } from './support/api.js';
import { childSecret, killAllChildren, startChild, stopChild, type ChildServer } from './support/child-server.js';
import { clips, Model, Round, seedClips } from './support/crash-workload.js';
import { checkIntegrity } from './support/db-snapshot.js';
import { printFigures } from './support/figures.js';
import { send } from './support/http-client.js';
import { Prng, intFrom, seedFrom } from './support/prng.js';

const ROUNDS = intFrom('GAMECLIPS_CRASH_ROUNDS', 4);
const MAX_WRITES = intFrom('GAMECLIPS_CRASH_WRITES', 400);
const SEED = seedFrom('GAMECLIPS_CRASH_SEED', 0x5eed_c4a5);
const SERVE_FLAGS = ['--flag-threshold', '1000000'];
const secret = new TextEncoder().encode(childSecret);
const { scid, ownerXuid } = demo;

interface ClipRow {
  game_clip_id: string;
  views: number;
  user_caption: string;
  title_data: string;
  rating_sum: number;
  rating_count: number;
  base_rating_sum: number;
  base_rating_count: number;
  flag_count: number;
  metadata_version: number;
}

interface Observed {
  integrity: string;
  foreignKeyViolations: number;
  clips: Map<string, ClipRow>;
  /** How many of the unacknowledged writes in flight at the kill landed anyway. */
  landedUnacknowledged: number;
  problems: string[];
}

/** Checks the file against the model after a kill, then makes what it holds the model's new base. */
function verifyFile(file: string, model: Model): Observed {
  const { integrity, foreignKeyViolations } = checkIntegrity(file);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const rows = new Map(db.prepare<[], ClipRow>('SELECT * FROM clips').all().map((r) => [r.game_clip_id, r]));
  const ratings = new Map(
    db.prepare<[string], { rater_xuid: string; value: number }>('SELECT rater_xuid, value FROM ratings WHERE game_clip_id = ?').all(clips.rate).map((r) => [r.rater_xuid, r.value]),
  );
  const flags = new Set(db.prepare<[string], { flagger_xuid: string }>('SELECT flagger_xuid FROM flags WHERE game_clip_id = ?').all(clips.flag).map((r) => r.flagger_xuid));
  db.close();

  const problems: string[] = [];
  let landed = 0;
  for (const [id, state] of model.views) {
    const views = rows.get(id)!.views;
    if (views < state.base + state.acked) problems.push(`${id}: views ${views} < ${state.base} + ${state.acked} acknowledged`);
    if (views > state.base + state.sent) problems.push(`${id}: views ${views} > ${state.base} + ${state.sent} sent`);
    landed += views - state.base - state.acked;
    model.views.set(id, { base: views, acked: 0, sent: 0 });
  }
  for (const [id, state] of model.updates) {
    const row = rows.get(id)!;
    const held = { caption: row.user_caption, titleData: row.title_data };
    const allowed = state.lastAcked >= 0 ? state.attempts.slice(state.lastAcked) : [state.previous, ...state.attempts];
    const at = allowed.findIndex((p) => p.caption === held.caption && p.titleData === held.titleData);
    if (at < 0) problems.push(`${id}: holds caption ${JSON.stringify(held.caption)} (titleData ${held.titleData.length} chars), not the last acknowledged update or a later one`);
    if (at > 0) landed++; // the one update in flight at the kill landed
    model.updates.set(id, { previous: held, attempts: [], lastAcked: -1 });
  }
  for (const [xuid, rater] of model.raters) {
    const value = ratings.get(xuid);
    if (rater.lastAcked >= 0 && !rater.values.slice(rater.lastAcked).includes(value as number)) {
      problems.push(`rater ${xuid}: holds ${value}, acknowledged ${rater.values[rater.lastAcked]} (sent ${rater.values.join(', ')})`);
    }
    if (rater.lastAcked < 0 && value !== undefined && !rater.values.includes(value)) problems.push(`rater ${xuid}: holds ${value}, never sent`);
    if (value !== undefined && rater.values.lastIndexOf(value) > rater.lastAcked) landed++;
    model.knownRatings.set(xuid, value);
  }
  for (const [xuid, value] of model.knownRatings) {
    if (!model.raters.has(xuid) && ratings.get(xuid) !== value) problems.push(`rater ${xuid} of an earlier round: ${value} became ${ratings.get(xuid)}`);
  }
  for (const xuid of ratings.keys()) if (!model.knownRatings.has(xuid)) problems.push(`rater ${xuid}: a row nobody sent`);
  model.raters.clear();
  const rateRow = rows.get(clips.rate)!;
  const sum = [...ratings.values()].reduce((a, b) => a + b, 0);
  if (rateRow.rating_count !== rateRow.base_rating_count + ratings.size || rateRow.rating_sum !== rateRow.base_rating_sum + sum) {
    problems.push(`rating_count/rating_sum ${rateRow.rating_count}/${rateRow.rating_sum} disagree with ${ratings.size} rows summing to ${sum}`);
  }
  for (const [xuid, flagger] of model.flaggers) {
    if (flagger.acked && !flags.has(xuid)) problems.push(`flag of ${xuid} acknowledged but missing`);
    if (!flagger.acked && flags.has(xuid)) landed++;
    if (flags.has(xuid)) model.knownFlags.add(xuid);
  }
  for (const xuid of flags) if (!model.knownFlags.has(xuid)) problems.push(`flag of ${xuid}: a row nobody sent`);
  for (const xuid of model.knownFlags) if (!flags.has(xuid)) problems.push(`flag of ${xuid} of an earlier round is gone`);
  model.flaggers.clear();
  if (rows.get(clips.flag)!.flag_count !== flags.size) problems.push(`flag_count ${rows.get(clips.flag)!.flag_count} but ${flags.size} rows`);
  for (const [id, version] of model.maxAckedVersion) {
    if (rows.get(id)!.metadata_version < version) problems.push(`${id}: version ${rows.get(id)!.metadata_version} < acknowledged ETag version ${version}`);
  }
  return { integrity, foreignKeyViolations, clips: rows, landedUnacknowledged: landed, problems };
}

/** After a restart: the API reports what the file held. */
async function verifyApi(server: ChildServer, observed: Observed, authorization: string): Promise<string[]> {
  const problems: string[] = [];
  for (const [id, row] of observed.clips) {
    const res = await send(server.url, { path: clipPath('me', scid, id), headers: apiHeaders(authorization) });
    if (res.status !== 200) {
      problems.push(`GET ${id} -> ${res.status}`);
      continue;
    }
    const clip = (JSON.parse(res.text) as { gameClip: GameClip }).gameClip;
    const expected = {
      views: row.views,
      userCaption: row.user_caption,
      titleData: row.title_data,
      ratingCount: row.rating_count,
      rating: row.rating_count === 0 ? 0 : row.rating_sum / row.rating_count,
      version: row.metadata_version,
    };
    const actual = { views: clip.views, userCaption: clip.userCaption, titleData: clip.titleData, ratingCount: clip.ratingCount, rating: clip.rating, version: etagVersion(String(res.headers.etag)) };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`GET ${id}: ${JSON.stringify(actual).slice(0, 200)} != file ${JSON.stringify(expected).slice(0, 200)}`);
  }
  return problems;
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gameclips-crash-'));
});

afterAll(() => {
  killAllChildren();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('crash safety', () => {
  test(`SIGKILL mid-stream, ${ROUNDS} rounds: every acknowledged write survives and the file is intact`, { timeout: 30_000 + ROUNDS * 30_000 }, async () => {
    const prng = new Prng(SEED);
    const file = join(dir, 'clips.sqlite');
    const seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(seedClips));
    const owner = await mintToken(secret, { xuid: ownerXuid, scid });
    const viewer = await mintToken(secret, { xuid: '2533274790395999', scid });
    const model = new Model();
    const lines: string[] = [];
    let totals = { acked: 0, inFlight: 0, landed: 0 };

    let server = await startChild(['--db', file, '--seed', seedFile, ...SERVE_FLAGS]);
    for (let index = 0; index < ROUNDS; index++) {
      const killAt = prng.int(Math.ceil(MAX_WRITES / 3), MAX_WRITES);
      const round = new Round(index, server, model, prng, killAt);
      await Promise.all([
        round.views(clips.viewA, owner),
        round.views(clips.viewA, viewer),
        round.views(clips.viewB, owner),
        round.views(clips.viewB, viewer),
        round.updates(clips.update0, owner),
        round.updates(clips.update1, owner),
        round.ratings(0),
        round.ratings(1),
        round.flags(),
      ]);
      round.agent.destroy();
      const exit = await server.exited;
      expect(round.unexpected).toEqual([]);
      expect(exit.signal, 'the server died of the SIGKILL, not before').toBe('SIGKILL');
      expect(server.errorLines).toEqual([]);

      const observed = verifyFile(file, model);
      expect(observed.integrity).toBe('ok');
      expect(observed.foreignKeyViolations).toBe(0);
      expect(observed.problems).toEqual([]);

      server = await startChild(['--db', file, '--seed', 'none', ...SERVE_FLAGS]);
      expect(await verifyApi(server, observed, owner)).toEqual([]);

      const inFlight = round.sent - round.acked;
      totals = { acked: totals.acked + round.acked, inFlight: totals.inFlight + inFlight, landed: totals.landed + observed.landedUnacknowledged };
      lines.push(`round ${index}: kill after ${round.acked} acknowledged writes, ${inFlight} unacknowledged in flight (${observed.landedUnacknowledged} of them landed); integrity ${observed.integrity}`);
    }

    const stopped = await stopChild(server);
    expect(stopped.code, 'SIGTERM shuts the server down cleanly').toBe(0);
    const final = checkIntegrity(file);
    expect(final.integrity).toBe('ok');
    printFigures(`crash safety (seed ${SEED}, ${ROUNDS} rounds, kill after ${Math.ceil(MAX_WRITES / 3)}..${MAX_WRITES} acknowledged writes)`, {
      ...Object.fromEntries(lines.map((l, i) => [`round ${i}`, l.slice(l.indexOf(':') + 2)])),
      'acknowledged writes, all present': totals.acked,
      'unacknowledged in flight at kills': totals.inFlight,
      'of which landed anyway': totals.landed,
      'final integrity_check after SIGTERM': final.integrity,
    });
  });
});
