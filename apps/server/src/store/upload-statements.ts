import type { Kysely } from 'kysely';
import { compileOnce, slot } from './compiled-query.js';
import type { Engine } from './migrations.js';
import type { ClipRow, StoreDatabase } from './schema.js';

/**
 * The statements of uploads and downloads, each written once for both engines and compiled
 * once per store. Slots: `scid`, `gameClipId` (the clip), `part` and `blockNum` (a block),
 * `now`, and each statement's own values.
 */
export function uploadStatements(db: Kysely<StoreDatabase>, engine: Engine) {
  const byKey = <Q extends { where: (...args: any[]) => any }>(query: Q): Q =>
    query.where('scid', '=', slot<string>('scid')).where('game_clip_id', '=', slot<string>('gameClipId'));
  const byPart = <Q extends { where: (...args: any[]) => any }>(query: Q): Q => byKey(query).where('part', '=', slot<string>('part'));

  return {
    /** The bytes a user's clips take, counted by their reserved size; expired reservations do not count. */
    usedBytes: compileOnce<{ n: number | string }>(
      db
        .selectFrom('clips')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('file_size'), eb.val(0)).as('n'))
        .where('xuid', '=', slot<string>('owner'))
        .where('file_size', 'is not', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', slot<string>('now'))])),
    ),
    /** The clip row; PostgreSQL also locks it to the end of the transaction (SQLite's IMMEDIATE transaction holds the write lock already). */
    lockClip: compileOnce<ClipRow>(byKey(db.selectFrom('clips').selectAll()).$if(engine === 'postgres', (query) => query.forUpdate())),
    getClip: compileOnce<ClipRow>(byKey(db.selectFrom('clips').selectAll())),
    /** How many blocks of the video there are, and their bytes, but the one numbered `blockNum`. */
    otherBlocks: compileOnce<{ n: number | string; total: number | string }>(
      byPart(db.selectFrom('clip_blocks'))
        .where('block_num', '<>', slot<number>('blockNum'))
        .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.coalesce(eb.fn.sum<number | string>('size'), eb.val(0)).as('total')]),
    ),
    upsertBlock: compileOnce(
      db
        .insertInto('clip_blocks')
        .values({
          scid: slot<string>('scid'),
          game_clip_id: slot<string>('gameClipId'),
          part: slot<string>('part'),
          block_num: slot<number>('blockNum'),
          size: slot<number>('size'),
          bytes: slot<Uint8Array>('bytes'),
          content_type: slot<string>('contentType'),
          written_at: slot<string>('now'),
        })
        .onConflict((oc) =>
          oc.columns(['scid', 'game_clip_id', 'part', 'block_num']).doUpdateSet((eb) => ({
            size: eb.ref('excluded.size'),
            bytes: eb.ref('excluded.bytes'),
            content_type: eb.ref('excluded.content_type'),
            written_at: eb.ref('excluded.written_at'),
          })),
        ),
    ),
    /** The file is complete: the clip is Processing until `publishAt`, and its reservation no longer expires. */
    completeUpload: compileOnce(
      byKey(
        db.updateTable('clips').set({ state: 'Processing', publish_at: slot<string>('publishAt'), expires_at: null, last_modified: slot<string>('now') }),
      ),
    ),
    setThumbnails: compileOnce(byKey(db.updateTable('clips').set({ thumbnails: slot<string>('thumbnails'), last_modified: slot<string>('now') }))),
    blocks: compileOnce<{ block_num: number | string; size: number | string; content_type: string; written_at: string }>(
      byPart(db.selectFrom('clip_blocks')).select(['block_num', 'size', 'content_type', 'written_at']).orderBy('block_num'),
    ),
    readBlock: compileOnce<{ bytes: Uint8Array }>(byPart(db.selectFrom('clip_blocks')).where('block_num', '=', slot<number>('blockNum')).select('bytes')),
    dueForPublishing: compileOnce<{ scid: string; game_clip_id: string; file_size: number | string }>(
      db
        .selectFrom('clips')
        .select(['scid', 'game_clip_id', 'file_size'])
        .where('publish_at', 'is not', null)
        .where('publish_at', '<=', slot<string>('now'))
        .where('state', '=', 'Processing'),
    ),
    /** Publishes one clip, once: an instance that publishes it second changes nothing. */
    publish: compileOnce(
      byKey(
        db
          .updateTable('clips')
          .set({ state: 'Published', game_clip_uris: slot<string>('uris'), publish_at: null, last_modified: slot<string>('now') })
          .where('state', '=', 'Processing'),
      ),
    ),
    expiredBlocks: compileOnce(
      db.deleteFrom('clip_blocks').where((eb) =>
        eb.exists(
          eb
            .selectFrom('clips as c')
            .select('c.scid')
            .whereRef('c.scid', '=', 'clip_blocks.scid')
            .whereRef('c.game_clip_id', '=', 'clip_blocks.game_clip_id')
            .where('c.state', '=', 'PendingUpload')
            .where('c.expires_at', '<=', slot<string>('now')),
        ),
      ),
    ),
    expiredClips: compileOnce(db.deleteFrom('clips').where('state', '=', 'PendingUpload').where('expires_at', '<=', slot<string>('now'))),
    deleteBlocks: compileOnce(byKey(db.deleteFrom('clip_blocks'))),
  };
}

export type UploadStatements = ReturnType<typeof uploadStatements>;
