import { sql, type Kysely } from 'kysely';
import { compileOnce, slot, type CompiledStatement } from './compiled-query.js';
import type { Engine } from './migrations.js';
import type { ClipRow, StoreDatabase } from './schema.js';

/** The metadata members an update may set, and their columns. */
const METADATA_COLUMNS = { userCaption: 'user_caption', visibility: 'visibility', titleData: 'title_data' } as const;
export type MetadataMember = keyof typeof METADATA_COLUMNS;

const STATES_A_FLAG_KEEPS = ['Flagged', 'Banned', 'Deleted'] as const;

type Version = { metadata_version: number | string };

/**
 * The store's statements, each written once for both engines and compiled once per store.
 * Slots: `scid`, `gameClipId` (the key), `now`, `expectedVersion` (If-Match), and each
 * statement's own values.
 */
export function clipStatements(db: Kysely<StoreDatabase>, engine: Engine) {
  const key = { scid: slot<string>('scid'), game_clip_id: slot<string>('gameClipId') };
  const byKey = <Q extends { where: (...args: any[]) => any }>(query: Q): Q =>
    query.where('scid', '=', key.scid).where('game_clip_id', '=', key.game_clip_id);
  const ifMatch = <Q extends { where: (...args: any[]) => any }>(query: Q, conditional: boolean): Q =>
    conditional ? query.where('metadata_version', '=', slot<number>('expectedVersion')) : query;

  const recordView = (conditional: boolean) =>
    compileOnce<Version>(
      ifMatch(byKey(db.updateTable('clips').set((eb) => ({ views: eb('views', '+', 1), last_modified: slot<string>('now') }))), conditional)
        .returning('metadata_version'),
    );

  const ratingsOfClip = sql`from ratings r where r.scid = clips.scid and r.game_clip_id = clips.game_clip_id`;

  /** One UPDATE per set of members and conditionality (at most 14), compiled when first used. */
  const updates = new Map<string, CompiledStatement<Version>>();
  const updateMetadata = (members: readonly MetadataMember[], conditional: boolean): CompiledStatement<Version> => {
    const name = `${members.join(',')}|${conditional}`;
    let statement = updates.get(name);
    if (!statement) {
      const columns = Object.fromEntries(members.map((member) => [METADATA_COLUMNS[member], slot<string>(member)]));
      statement = compileOnce<Version>(
        ifMatch(
          byKey(
            db.updateTable('clips').set((eb) => ({
              ...columns,
              metadata_version: eb('metadata_version', '+', 1),
              last_modified: slot<string>('now'),
            })),
          ),
          conditional,
        ).returning('metadata_version'),
      );
      updates.set(name, statement);
    }
    return statement;
  };

  return {
    updateMetadata,
    getClip: compileOnce<ClipRow>(byKey(db.selectFrom('clips').selectAll())),
    version: compileOnce<Version>(byKey(db.selectFrom('clips').select('metadata_version'))),
    /**
     * The version, with the clip's write lock held to the end of the transaction. PostgreSQL
     * locks the row; SQLite has no row locks and no FOR UPDATE: its transactions begin
     * IMMEDIATE and already hold the database's write lock.
     */
    lockVersion: compileOnce<Version>(
      byKey(db.selectFrom('clips').select('metadata_version')).$if(engine === 'postgres', (query) => query.forUpdate()),
    ),
    recordView: recordView(false),
    recordViewIfMatch: recordView(true),
    upsertRating: compileOnce(
      db
        .insertInto('ratings')
        .values({ ...key, rater_xuid: slot<string>('rater'), value: slot<number>('value'), rated_at: slot<string>('now') })
        .onConflict((oc) =>
          oc.columns(['scid', 'game_clip_id', 'rater_xuid']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            rated_at: eb.ref('excluded.rated_at'),
          })),
        ),
    ),
    recomputeRating: compileOnce<Version>(
      byKey(
        db.updateTable('clips').set({
          rating_sum: sql<number>`base_rating_sum + (select coalesce(sum(r.value), 0) ${ratingsOfClip})`,
          rating_count: sql<number>`base_rating_count + (select count(*) ${ratingsOfClip})`,
          last_modified: slot<string>('now'),
        }),
      ).returning('metadata_version'),
    ),
    insertFlag: compileOnce(
      db
        .insertInto('flags')
        .values({ ...key, flagger_xuid: slot<string>('flagger'), flagged_at: slot<string>('now') })
        .onConflict((oc) => oc.doNothing()),
    ),
    countFlag: compileOnce<Version>(
      byKey(
        db.updateTable('clips').set((eb) => ({
          flag_count: eb('flag_count', '+', 1),
          state: eb
            .case()
            .when(eb.and([eb(eb('flag_count', '+', 1), '>=', slot<number>('threshold')), eb('state', 'not in', STATES_A_FLAG_KEEPS)]))
            .then(eb.val('Flagged' as const))
            .else(eb.ref('state'))
            .end(),
          last_modified: slot<string>('now'),
        })),
      ).returning('metadata_version'),
    ),
    hasFlagged: compileOnce(byKey(db.selectFrom('flags').select('flagger_xuid')).where('flagger_xuid', '=', slot<string>('flagger'))),
    countClips: compileOnce<{ n: number | string }>(db.selectFrom('clips').select((eb) => eb.fn.countAll<number | string>().as('n'))),
  };
}

export type ClipStatements = ReturnType<typeof clipStatements>;
