import { sql, type ExpressionBuilder, type Kysely, type OnConflictBuilder } from 'kysely';
import { HIDDEN_STATES } from '../domain/visibility.js';
import { compilePrepared, slot, type CompiledStatement } from './compiled-query.js';
import type { Engine } from './migrations.js';
import type { ClipRow, StoreDatabase } from './schema.js';

/** The metadata members an update may set, and their columns. */
const METADATA_COLUMNS = { userCaption: 'user_caption', visibility: 'visibility', titleData: 'title_data' } as const;
export type MetadataMember = keyof typeof METADATA_COLUMNS;

const STATES_A_FLAG_KEEPS = ['Flagged', 'Banned', 'Deleted'] as const;

type Version = { metadata_version: number | string };

/**
 * The visibility rule of a write, in SQL (the same rule as `canSee` in domain/visibility.ts):
 * the clip is the path's owner's, and the caller is its owner, or it is neither hidden by its
 * state nor Owner-only nor Title-only from another title. Slots: `owner`, `viewer`,
 * `viewerTitleId` (null when the caller's token names no title).
 */
function visibleTo(eb: ExpressionBuilder<StoreDatabase, 'clips'>) {
  return eb.and([
    eb('xuid', '=', slot<string>('owner')),
    eb.or([
      eb('xuid', '=', slot<string>('viewer')),
      eb.and([
        eb('state', 'not in', HIDDEN_STATES),
        eb('visibility', '<>', 'Owner'),
        eb.or([eb('visibility', '<>', 'Title'), eb('title_id', '=', slot<number | null>('viewerTitleId'))]),
      ]),
    ]),
  ]);
}

/** How a write is restricted: by the If-Match version (`conditional`), by the visibility rule (`guarded`). */
export interface WriteVariant {
  conditional: boolean;
  guarded: boolean;
}

/** A statement per variant of a write, compiled when first used. */
function perVariant<S>(build: (variant: WriteVariant) => S): (variant: WriteVariant) => S {
  const built = new Map<string, S>();
  return (variant) => {
    const name = `${variant.conditional}|${variant.guarded}`;
    let statement = built.get(name);
    if (statement === undefined) {
      statement = build(variant);
      built.set(name, statement);
    }
    return statement;
  };
}

/**
 * The store's statements, each written once for both engines and compiled once per store.
 * Slots: `scid`, `gameClipId` (the key), `now`, `expectedVersion` (If-Match), `owner`,
 * `viewer`, `viewerTitleId` (the visibility rule), and each statement's own values.
 */
export function clipStatements(db: Kysely<StoreDatabase>, engine: Engine) {
  const key = { scid: slot<string>('scid'), game_clip_id: slot<string>('gameClipId') };
  const byKey = <Q extends { where: (...args: any[]) => any }>(query: Q): Q =>
    query.where('scid', '=', key.scid).where('game_clip_id', '=', key.game_clip_id);
  const ifMatch = <Q extends { where: (...args: any[]) => any }>(query: Q, conditional: boolean): Q =>
    conditional ? query.where('metadata_version', '=', slot<number>('expectedVersion')) : query;
  const guard = <Q extends { where: (...args: any[]) => any }>(query: Q, guarded: boolean): Q =>
    guarded ? query.where(visibleTo) : query;
  /** The clip, by key, restricted as the variant says. */
  const target = <Q extends { where: (...args: any[]) => any }>(query: Q, { conditional, guarded }: WriteVariant): Q =>
    guard(ifMatch(byKey(query), conditional), guarded);

  /** The epoch a change of views or rating is recorded in: the write's (slot `epoch`), or the clip's last change's if later. */
  const sortEpoch = sql<number>`case when sort_epoch > ${slot<number>('epoch')} then sort_epoch else ${slot<number>('epoch')} end`;

  /**
   * Before a change of views or rating: the clip's sort values, kept once per epoch (the
   * first change's). SQLite only, in the write's IMMEDIATE transaction: PostgreSQL keeps them
   * in the view's and the rating's one statement.
   */
  const recordSortHistoryQuery = (variant: WriteVariant) =>
    db
      .insertInto('clip_sort_history')
      .columns(['clip_scid', 'clip_id', 'epoch', 'owner_xuid', 'list_seq', 'prior_views', 'prior_rating'])
      .expression(target(db.selectFrom('clips').select(['scid', 'game_clip_id', sortEpoch.as('epoch'), 'xuid', 'list_seq', 'views', 'rating_mean']), variant))
      .onConflict((oc) => oc.doNothing());

  const recordViewQuery = (variant: WriteVariant) =>
    target(
      db.updateTable('clips').set((eb) => ({ views: eb('views', '+', 1), last_modified: slot<string>('now'), sort_epoch: sortEpoch })),
      variant,
    ).returning('metadata_version');

  /**
   * PostgreSQL only: the view and its sort history in one statement. The UPDATE (which takes
   * the row lock, the visibility and If-Match checked on the newest version) returns the
   * clip as it left it; its views before the view are one fewer, its rating is as it was. The
   * history INSERT keeps those values once per clip and epoch: a concurrent view of the clip
   * waits for the row lock, so the first change of an epoch is the one whose row stays.
   */
  const recordViewInOneStatement = perVariant((variant) =>
    compilePrepared<Version>(
      db
        .with('viewed', () =>
          recordViewQuery(variant).returning((eb) => [
            'scid',
            'game_clip_id',
            'sort_epoch',
            'xuid',
            'list_seq',
            eb('views', '-', 1).as('prior_views'),
            'rating_mean',
          ]),
        )
        .with('history', (qc) =>
          qc
            .insertInto('clip_sort_history')
            .columns(['clip_scid', 'clip_id', 'epoch', 'owner_xuid', 'list_seq', 'prior_views', 'prior_rating'])
            .expression(qc.selectFrom('viewed').select(['scid', 'game_clip_id', 'sort_epoch', 'xuid', 'list_seq', 'prior_views', 'rating_mean']))
            .onConflict((oc) => oc.doNothing()),
        )
        .selectFrom('viewed')
        .select('metadata_version'),
    ),
  );

  const ratingsOfClip = sql`from ratings r where r.scid = clips.scid and r.game_clip_id = clips.game_clip_id`;

  /** One UPDATE per set of members and variant (at most 28), compiled when first used. */
  const updates = new Map<string, CompiledStatement<Version>>();
  const updateMetadata = (members: readonly MetadataMember[], variant: WriteVariant): CompiledStatement<Version> => {
    const name = `${members.join(',')}|${variant.conditional}|${variant.guarded}`;
    let statement = updates.get(name);
    if (!statement) {
      const columns = Object.fromEntries(members.map((member) => [METADATA_COLUMNS[member], slot<string>(member)]));
      statement = compilePrepared<Version>(
        target(
          db.updateTable('clips').set((eb) => ({
            ...columns,
            metadata_version: eb('metadata_version', '+', 1),
            last_modified: slot<string>('now'),
          })),
          variant,
        ).returning('metadata_version'),
      );
      updates.set(name, statement);
    }
    return statement;
  };

  const recomputeRatingQuery = byKey(
    db.updateTable('clips').set({
      rating_sum: sql<number>`base_rating_sum + (select coalesce(sum(r.value), 0) ${ratingsOfClip})`,
      rating_count: sql<number>`base_rating_count + (select count(*) ${ratingsOfClip})`,
      last_modified: slot<string>('now'),
      sort_epoch: sortEpoch,
    }),
  ).returning('metadata_version');

  const countFlagQuery = <Q extends { set: (...args: any[]) => any }>(query: Q): Q =>
    query.set((eb: ExpressionBuilder<StoreDatabase, 'clips'>) => ({
      flag_count: eb('flag_count', '+', 1),
      state: eb
        .case()
        .when(eb.and([eb(eb('flag_count', '+', 1), '>=', slot<number>('threshold')), eb('state', 'not in', STATES_A_FLAG_KEEPS)]))
        .then(eb.val('Flagged' as const))
        .else(eb.ref('state'))
        .end(),
      last_modified: slot<string>('now'),
    }));

  /** The rating upsert: a re-rate replaces the rater's value and keeps the one it replaced (null for a first rating). */
  const upsertRatingQuery = <Q extends { onConflict: (...args: any[]) => any }>(insert: Q): Q =>
    insert.onConflict((oc: OnConflictBuilder<StoreDatabase, 'ratings'>) =>
      oc.columns(['scid', 'game_clip_id', 'rater_xuid']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        rated_at: eb.ref('excluded.rated_at'),
        replaced_value: eb.ref('ratings.value'),
      })),
    );

  /**
   * PostgreSQL only: the rating in one statement (so one prepared plan and one round trip).
   * `clip` locks the clip row (visibility and If-Match checked on its newest version) and
   * keeps its sort values; the upsert, which waits for and sees the newest committed rating
   * of the rater, returns the value it replaced; the UPDATE adds the difference on the
   * newest clip row. The statement's snapshot may predate the lock, so the mean is not summed
   * again from the ratings (it would miss those committed meanwhile): the sum of the ratings
   * is an integer, recovered exactly from `rating_sum - base_rating_sum`, so `rating_sum` is
   * the same `base_rating_sum + sum` a recount gives (SQLite's path recounts).
   */
  const rateInOneStatement = perVariant((variant) => {
    const lockedClip = target(
      db.selectFrom('clips').select(['scid', 'game_clip_id', 'xuid', 'list_seq', 'views', 'rating_mean', sortEpoch.as('epoch')]),
      variant,
    ).forUpdate();
    const delta = sql<number>`rated.value - coalesce(rated.replaced_value, 0)`;
    return compilePrepared<Version>(
      db
        .with('clip', () => lockedClip)
        .with('history', (qc) =>
          qc
            .insertInto('clip_sort_history')
            .columns(['clip_scid', 'clip_id', 'epoch', 'owner_xuid', 'list_seq', 'prior_views', 'prior_rating'])
            .expression(qc.selectFrom('clip').select(['scid', 'game_clip_id', 'epoch', 'xuid', 'list_seq', 'views', 'rating_mean']))
            .onConflict((oc) => oc.doNothing()),
        )
        .with('rated', (qc) =>
          upsertRatingQuery(
            qc
              .insertInto('ratings')
              .columns(['scid', 'game_clip_id', 'rater_xuid', 'value', 'rated_at'])
              .expression(
                qc
                  .selectFrom('clip')
                  .select((eb) => [
                    'scid',
                    'game_clip_id',
                    sql<string>`cast(${slot<string>('rater')} as text)`.as('rater_xuid'),
                    sql<number>`cast(${slot<number>('value')} as smallint)`.as('value'),
                    sql<string>`cast(${slot<string>('now')} as text)`.as('rated_at'),
                  ]),
              ),
          ).returning(['scid', 'game_clip_id', 'value', 'replaced_value']),
        )
        .updateTable('clips')
        .from('rated')
        .set((eb) => ({
          rating_sum: sql<number>`base_rating_sum + (round(rating_sum - base_rating_sum) + ${delta})`,
          rating_count: eb('rating_count', '+', sql<number>`case when rated.replaced_value is null then 1 else 0 end`),
          last_modified: slot<string>('now'),
          sort_epoch: sortEpoch,
        }))
        .whereRef('clips.scid', '=', 'rated.scid')
        .whereRef('clips.game_clip_id', '=', 'rated.game_clip_id')
        .returning('metadata_version'),
    );
  });

  /**
   * PostgreSQL only: the flag in one statement. The insert's SELECT locks the clip row (the
   * visibility and If-Match checked on its newest version), and the UPDATE counts the flag
   * only when the insert added one; `flag_count + 1` is evaluated on the newest row, so
   * concurrent flaggers are all counted. A repeated flag returns no row.
   */
  const flagInOneStatement = perVariant((variant) => {
    const lockedClip = target(
      db
        .selectFrom('clips')
        .select(['scid', 'game_clip_id', sql<string>`cast(${slot<string>('flagger')} as text)`.as('flagger_xuid'), sql<string>`cast(${slot<string>('now')} as text)`.as('flagged_at')]),
      variant,
    ).forUpdate();
    return compilePrepared<Version>(
      db
        .with('inserted', (cte) =>
          cte
            .insertInto('flags')
            .columns(['scid', 'game_clip_id', 'flagger_xuid', 'flagged_at'])
            .expression(lockedClip)
            .onConflict((oc) => oc.doNothing())
            .returning('flagger_xuid'),
        )
        .updateTable('clips')
        .$call((query) => countFlagQuery(byKey(query)))
        .where((eb) => eb.exists(eb.selectFrom('inserted').select('flagger_xuid')))
        .returning('metadata_version'),
    );
  });

  return {
    updateMetadata,
    getClip: compilePrepared<ClipRow>(byKey(db.selectFrom('clips').selectAll())),
    /** The version of a clip, restricted as the variant says: why a write found no row. */
    version: perVariant((variant) => compilePrepared<Version>(guard(byKey(db.selectFrom('clips').select('metadata_version')), variant.guarded))),
    /**
     * The version, with the clip's write lock held to the end of the transaction. PostgreSQL
     * locks the row; SQLite has no row locks and no FOR UPDATE: its transactions begin
     * IMMEDIATE and already hold the database's write lock.
     */
    lockVersion: perVariant((variant) =>
      compilePrepared<Version>(
        guard(byKey(db.selectFrom('clips').select('metadata_version')), variant.guarded).$if(engine === 'postgres', (query) => query.forUpdate()),
      ),
    ),
    recordSortHistory: perVariant((variant) => compilePrepared(recordSortHistoryQuery(variant))),
    recordView: perVariant((variant) => compilePrepared<Version>(recordViewQuery(variant))),
    recordViewInOneStatement,
    rateInOneStatement,
    flagInOneStatement,
    upsertRating: compilePrepared(
      upsertRatingQuery(db.insertInto('ratings').values({ ...key, rater_xuid: slot<string>('rater'), value: slot<number>('value'), rated_at: slot<string>('now') })),
    ),
    recomputeRating: compilePrepared<Version>(recomputeRatingQuery),
    insertFlag: compilePrepared(
      db
        .insertInto('flags')
        .values({ ...key, flagger_xuid: slot<string>('flagger'), flagged_at: slot<string>('now') })
        .onConflict((oc) => oc.doNothing()),
    ),
    countFlag: compilePrepared<Version>(countFlagQuery(byKey(db.updateTable('clips'))).returning('metadata_version')),
    hasFlagged: compilePrepared(byKey(db.selectFrom('flags').select('flagger_xuid')).where('flagger_xuid', '=', slot<string>('flagger'))),
    countClips: compilePrepared<{ n: number | string }>(db.selectFrom('clips').select((eb) => eb.fn.countAll<number | string>().as('n'))),
  };
}

export type ClipStatements = ReturnType<typeof clipStatements>;
