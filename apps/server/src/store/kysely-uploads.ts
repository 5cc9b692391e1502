import { sql, type Kysely, type Transaction } from 'kysely';
import type { GameClip } from '@gameclips/types';
import type { ClipKey } from './clip-store.js';
import { clipFromRow, clipInsertRow, keyValues } from './clip-rows.js';
import type { Engine } from './migrations.js';
import type { ClipRow, StoreDatabase } from './schema.js';
import { uploadStatements, type UploadStatements } from './upload-statements.js';
import type { BlockDecision, BlockInfo, FilePart, LockedUpload, UploadRecord, UploadStore, UploadTerms } from './upload-store.js';

function nullableNumber(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

function uploadFromRow(row: ClipRow): UploadRecord {
  return {
    clip: clipFromRow(row).clip,
    fileSize: nullableNumber(row.file_size),
    expectedBlocks: nullableNumber(row.expected_blocks),
    thumbnailSource: row.thumbnail_source,
    expiresAt: row.expires_at,
  };
}

/**
 * Uploads on Kysely, for both engines: the statements are in upload-statements.ts. A write
 * that depends on what is stored (a block, a thumbnail, a reservation under the quota) runs in
 * one transaction that takes the clip's (or, for a reservation, the database's or the owner's)
 * write lock first, so parallel requests and several servers see each other's commits.
 */
export class KyselyUploads implements UploadStore {
  readonly #engine: Engine;
  readonly #open: () => Promise<Kysely<StoreDatabase>>;
  readonly #statements: UploadStatements;

  constructor(engine: Engine, db: Kysely<StoreDatabase>, open: () => Promise<Kysely<StoreDatabase>>) {
    this.#engine = engine;
    this.#open = open;
    this.#statements = uploadStatements(db, engine);
  }

  async reserve(clip: GameClip, terms: UploadTerms, quotaBytes: number, now: string): Promise<boolean> {
    const db = await this.#open();
    return db.transaction().execute(async (trx) => {
      // SQLite's IMMEDIATE transaction already holds the write lock; PostgreSQL takes one per
      // owner, so two reservations of one user cannot both fit under the quota by racing.
      if (this.#engine === 'postgres') await this.#lockOwner(trx, clip.xuid);
      const { rows } = await this.#statements.usedBytes(trx, { owner: clip.xuid, now });
      if (Number(rows[0]?.n ?? 0) + terms.fileSize > quotaBytes) return false;
      await trx
        .insertInto('clips')
        .values({
          ...clipInsertRow(clip),
          file_size: terms.fileSize,
          expected_blocks: terms.expectedBlocks,
          thumbnail_source: terms.thumbnailSource,
          expires_at: terms.expiresAt,
        })
        .execute();
      return true;
    });
  }

  async #lockOwner(trx: Transaction<StoreDatabase>, xuid: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtext(${`gameclips quota ${xuid}`}))`.execute(trx);
  }

  async getUpload(key: ClipKey): Promise<UploadRecord | undefined> {
    const { rows } = await this.#statements.getClip(await this.#open(), keyValues(key));
    return rows[0] && uploadFromRow(rows[0]);
  }

  async putBlock(
    key: ClipKey,
    blockNum: number,
    bytes: Uint8Array,
    now: string,
    decide: (upload: LockedUpload) => BlockDecision,
  ): Promise<BlockDecision | undefined> {
    const db = await this.#open();
    return db.transaction().execute(async (trx) => {
      const values = { ...keyValues(key), part: 'clip', blockNum, now };
      const { rows } = await this.#statements.lockClip(trx, values);
      if (!rows[0]) return undefined;
      const others = (await this.#statements.otherBlocks(trx, values)).rows[0]!;
      const decision = decide({ ...uploadFromRow(rows[0]), others: { count: Number(others.n), bytes: Number(others.total) } });
      await this.#statements.upsertBlock(trx, { ...values, size: bytes.byteLength, bytes, contentType: 'video/mp4' });
      if (decision.complete) await this.#statements.completeUpload(trx, { ...values, publishAt: decision.publishAt });
      return decision;
    });
  }

  async putThumbnail(
    key: ClipKey,
    part: 'large' | 'small',
    bytes: Uint8Array,
    contentType: string,
    now: string,
    check: (upload: UploadRecord) => GameClip['thumbnails'],
  ): Promise<boolean> {
    const db = await this.#open();
    return db.transaction().execute(async (trx) => {
      const values = { ...keyValues(key), part, blockNum: 0, now };
      const { rows } = await this.#statements.lockClip(trx, values);
      if (!rows[0]) return false;
      const thumbnails = check(uploadFromRow(rows[0]));
      await this.#statements.upsertBlock(trx, { ...values, size: bytes.byteLength, bytes, contentType });
      await this.#statements.setThumbnails(trx, { ...values, thumbnails: JSON.stringify(thumbnails) });
      return true;
    });
  }

  async blocks(key: ClipKey, part: FilePart): Promise<BlockInfo[]> {
    const { rows } = await this.#statements.blocks(await this.#open(), { ...keyValues(key), part });
    return rows.map((row) => ({ blockNum: Number(row.block_num), size: Number(row.size), contentType: row.content_type, writtenAt: row.written_at }));
  }

  async readBlock(key: ClipKey, part: FilePart, blockNum: number): Promise<Uint8Array | undefined> {
    const { rows } = await this.#statements.readBlock(await this.#open(), { ...keyValues(key), part, blockNum });
    return rows[0]?.bytes;
  }

  async publishDue(now: string, urisOf: (key: ClipKey, fileSize: number) => GameClip['gameClipUris']): Promise<number> {
    const db = await this.#open();
    const { rows } = await this.#statements.dueForPublishing(db, { now });
    let published = 0;
    for (const row of rows) {
      const key = { scid: row.scid, gameClipId: row.game_clip_id };
      const uris = JSON.stringify(urisOf(key, Number(row.file_size)));
      const result = await this.#statements.publish(db, { ...keyValues(key), uris, now });
      published += Number(result.numAffectedRows ?? 0n);
    }
    return published;
  }

  async expireDue(now: string): Promise<number> {
    const db = await this.#open();
    return db.transaction().execute(async (trx) => {
      await this.#statements.expiredBlocks(trx, { now });
      const result = await this.#statements.expiredClips(trx, { now });
      return Number(result.numAffectedRows ?? 0n);
    });
  }

  /** Removes a clip's blocks, inside the transaction that deletes the clip. */
  async deleteBlocks(trx: Transaction<StoreDatabase>, key: ClipKey): Promise<void> {
    await this.#statements.deleteBlocks(trx, keyValues(key));
  }
}
