import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { clipId, keyOf, makeClip, userXuid } from './clip-fixture.js';
import { firstSchemaClip, legacyInsert, legacySqliteSchema } from './legacy-schema.js';
import { describeClipLists, expectAdoptedForLists } from './list-contract.js';
import { describeClipStore } from './store-contract.js';
import { describeUploadStore } from './upload-contract.js';

describeClipStore('sqlite', async () => new SqliteStore(':memory:'));
describeClipLists('sqlite', async (lists) => new SqliteStore(':memory:', lists));
describeUploadStore('sqlite', async () => new SqliteStore(':memory:'));

describe('SQLite store files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gameclips-sqlite-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('adopts a database made by the schema of user_version 1, keeping its data, ratings and flags', async () => {
    const path = join(dir, 'legacy.db');
    const clip = firstSchemaClip(makeClip(clipId(1), { rating: 4, ratingCount: 2, views: 9 }));
    const older = firstSchemaClip(makeClip(clipId(2), { dateRecorded: '2025-03-04T05:06:07.089Z' }));
    const legacy = new Database(path);
    legacy.exec(legacySqliteSchema);
    const insert = legacyInsert(clip, () => '?');
    legacy.prepare(insert.text).run(insert.values);
    const later = legacyInsert(older, () => '?');
    legacy.prepare(later.text).run(later.values);
    legacy.prepare('UPDATE clips SET version = 7').run();
    legacy.prepare('INSERT INTO flags VALUES (?, ?, ?, ?)').run(clip.scid, clip.gameClipId, userXuid(1), clip.lastModified);
    legacy.close();

    const store = new SqliteStore(path);
    try {
      // Its metadata version starts at the old all-writes version: an ETag handed out
      // before the upgrade is current exactly when nothing changed since.
      expect(await store.getClip(keyOf(clipId(1)))).toEqual({ clip, version: 7 });
      expect(await store.hasFlagged(keyOf(clipId(1)), userXuid(1))).toBe(true);
      expect(await store.updateMetadata(keyOf(clipId(1)), { userCaption: 'kept' }, { now: clip.lastModified, expectedVersion: 7 })).toEqual({ version: 8 });
      await store.rate(keyOf(clipId(1)), userXuid(2), 1, { now: clip.lastModified });
      expect((await store.getClip(keyOf(clipId(1))))!.clip).toMatchObject({ userCaption: 'kept', ratingCount: 3, rating: 3, views: 9 });
      await expectAdoptedForLists(store, [clip, older]);
    } finally {
      await store.close();
    }
    const reopened = new SqliteStore(path);
    try {
      expect(await reopened.getClip(keyOf(clipId(1)))).toMatchObject({ version: 8, clip: { userCaption: 'kept' } });
    } finally {
      await reopened.close();
    }
    const db = new Database(path, { readonly: true });
    try {
      const names = db.prepare('SELECT name FROM gameclips_kysely_migration ORDER BY name').all() as { name: string }[];
      expect(names.map((row) => row.name)).toEqual(['0001_clips_ratings_flags', '0002_metadata_version', '0003_clip_lists', '0004_sort_history', '0005_uploads', '0006_rating_replaced_value', '0007_owner_readable_index']);
    } finally {
      db.close();
    }
  });

  it('fails to open, and fails every call, when the file is not a database', async () => {
    const path = join(dir, 'not-a.db');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, 'this is not SQLite '.repeat(100));
    await expect(openStore({ db: path })).rejects.toThrow();
    let store: SqliteStore | undefined;
    try {
      store = new SqliteStore(path);
    } catch {
      return; // refused at once: as good
    }
    await expect(store.check()).rejects.toThrow();
    await expect(store.getClip(keyOf(clipId(1)))).rejects.toThrow();
    await store.close();
  });
});
