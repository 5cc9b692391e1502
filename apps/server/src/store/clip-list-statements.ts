import { sql, type Compilable, type Kysely, type SelectQueryBuilder } from 'kysely';
import { CLIP_COLUMNS, type ClipFields } from './clip-rows.js';
import { compileOnce, slot, type CompiledStatement } from './compiled-query.js';
import { isResorted, PRIOR_SQL, SORT_SQL } from './list-order.js';
import type { ClipListQuery } from './clip-list-query.js';
import type { ClipRow, StoreDatabase } from './schema.js';

/** A listed row: the columns that make the clip, its list_seq and its sort value. */
export type ListedRow = ClipFields & Pick<ClipRow, 'list_seq'> & { sort_value: number | string };

/** What a page reads of each clip: only the columns of the clip and its position (fewer values to convert per row). */
const LISTED_COLUMNS = [...CLIP_COLUMNS, 'list_seq'].map((column) => `clips.${column}` as const);

/** A query over clips (alone, or joined to their sort history). */
type ClipsQuery = SelectQueryBuilder<StoreDatabase, any, object>;

/** The parts of a list query that change its SQL (the values go in slots). */
function shapeOf(query: ClipListQuery, kind: 'page' | 'count'): string {
  return [
    kind,
    query.ownerXuid !== undefined,
    query.scid !== undefined,
    query.titleId !== undefined,
    query.saved,
    query.viewer !== undefined,
    query.types?.length ?? 0,
    query.eventIds?.length ?? 0,
    query.achievementId !== undefined,
    query.greatestMomentId !== undefined,
    ...(kind === 'page' ? [query.qualifier, query.order, query.after !== undefined, query.skip !== undefined] : []),
  ].join('|');
}

/** The WHERE of a list: its scope, the caller's read rule and the filters (on the columns of clips). */
function filtered(select: ClipsQuery, query: ClipListQuery): ClipsQuery {
  let q = select;
  if (query.ownerXuid !== undefined) q = q.where('xuid', '=', slot<string>('owner'));
  if (query.scid !== undefined) q = q.where('scid', '=', slot<string>('scid'));
  if (query.titleId !== undefined) q = q.where('title_id', '=', slot<number>('titleId'));
  if (query.saved) q = q.where('saved_by_user', '=', 1);
  if (query.viewer !== undefined) {
    // The read rule of lists: the viewer's own clips, and others' only when published and
    // visible to the viewer (not Owner-only, not Title-only of another title).
    q = q.where(
      sql<boolean>`(xuid = ${slot<string>('viewer')} or (state = 'Published' and visibility <> 'Owner' and (visibility <> 'Title' or title_id = ${slot<number | null>('viewerTitle')})))`,
    );
  }
  const types = query.types ?? [];
  if (types.length > 0) {
    // `type` holds comma-delimited types: match any of the filter's, whatever the spacing and case.
    const tests = types.map((_, i) => sql`(',' || lower(replace(type, ' ', '')) || ',') like ${slot<string>(`type${i}`)}`);
    q = q.where(sql<boolean>`(${sql.join(tests, sql` or `)})`);
  }
  const events = query.eventIds ?? [];
  if (events.length > 0) {
    const ids = events.map((_, i) => slot<string>(`event${i}`));
    q = q.where((eb) => eb.or([eb('achievement_id', 'in', ids), eb('greatest_moment_id', 'in', ids)]));
  }
  if (query.achievementId !== undefined) q = q.where('achievement_id', '=', slot<string>('achievementId'));
  if (query.greatestMomentId !== undefined) q = q.where('greatest_moment_id', '=', slot<string>('greatestMomentId'));
  return q;
}

/** The slot values of a list query. */
export function listValues(query: ClipListQuery): Record<string, unknown> {
  const values: Record<string, unknown> = {
    owner: query.ownerXuid,
    scid: query.scid,
    titleId: query.titleId,
    viewer: query.viewer?.xuid,
    viewerTitle: query.viewer?.titleId ?? null,
    achievementId: query.achievementId,
    greatestMomentId: query.greatestMomentId,
    limit: query.limit,
    countLimit: query.limit,
    skip: query.skip,
    streamLimit: query.limit + (query.skip ?? 0),
    epoch: query.after?.epoch ?? query.epoch,
    afterValue: query.after?.sortValue,
    afterSeq: query.after?.seq,
  };
  (query.types ?? []).forEach((type, i) => (values[`type${i}`] = `%,${type.toLowerCase()},%`));
  (query.eventIds ?? []).forEach((id, i) => (values[`event${i}`] = id));
  return values;
}

/** Rows after the position in the order `sort, seq` (columns of the caller's choosing), when a position is given. */
function afterPosition(q: ClipsQuery, query: ClipListQuery, [sort, seq]: readonly [string, string]): ClipsQuery {
  if (query.after === undefined) return q;
  const comparison = sql.raw(query.order === 'A' ? '>' : '<');
  return q.where(sql<boolean>`(${sql.raw(sort)}, ${sql.raw(seq)}) ${comparison} (${slot<number>('afterValue')}, ${slot<number>('afterSeq')})`);
}

/**
 * The SELECT of a page of a list, its values in slots (see listValues). By `created`, one
 * range scan of the order's index from the position. By `views` or `rating`, the page of a
 * walk at epoch E (see list-epochs.ts) is the merge of two streams, each bounded by the page
 * size: clips unchanged since E, by their current value from the order's index, and clips
 * changed since E, by their value before their first change at or after E, from the owner's
 * sort history in the same order (its index holds the value and list_seq). The second stream
 * passes over the history rows that no longer count (before E, or not a clip's first since
 * E): at most the history the walk lifetime keeps, never the list's length.
 */
export function listPageQuery(db: Kysely<StoreDatabase>, query: ClipListQuery): Compilable<ListedRow> {
  const direction = query.order === 'A' ? 'asc' : 'desc';
  const ordered = <Q extends { orderBy: (...args: any[]) => any }>(q: Q, [sort, seq]: readonly [string, string]): Q =>
    q.orderBy(sql.raw(sort), direction).orderBy(sql.raw(seq), direction);
  const sort = [SORT_SQL[query.qualifier], 'clips.list_seq'] as const;
  const current = afterPosition(filtered(db.selectFrom('clips'), query), query, sort)
    .select(LISTED_COLUMNS)
    .select(sql<number>`${sql.raw(sort[0])}`.as('sort_value'));
  if (!isResorted(query.qualifier)) {
    const page = ordered(current, sort).limit(slot<number>('limit'));
    return (query.skip === undefined ? page : page.offset(slot<number>('skip'))) as unknown as Compilable<ListedRow>;
  }
  const prior = [`h.${PRIOR_SQL[query.qualifier as keyof typeof PRIOR_SQL]}`, 'h.list_seq'] as const;
  const epoch = slot<number>('epoch');
  const unchanged = ordered(current.where('clips.sort_epoch', '<', epoch), sort).limit(slot<number>('streamLimit'));
  // CROSS JOIN: SQLite then reads the history first, as it should; PostgreSQL plans it as any join.
  const changedSince = filtered(
    db
      .selectFrom('clip_sort_history as h')
      .crossJoin('clips')
      .whereRef('clips.scid', '=', 'h.clip_scid')
      .whereRef('clips.game_clip_id', '=', 'h.clip_id')
      .$if(query.ownerXuid !== undefined, (q) => q.where('h.owner_xuid', '=', slot<string>('owner')))
      // A clip with history since E changed since E (sort_epoch >= E): it is not in the first stream.
      .where('h.epoch', '>=', epoch)
      // The clip's earliest history row since the epoch: one probe of the history's key per row.
      .whereRef('h.epoch', '=', (eb) =>
        eb
          .selectFrom('clip_sort_history as e')
          .select((e) => e.fn.min('e.epoch').as('first'))
          .whereRef('e.clip_scid', '=', 'h.clip_scid')
          .whereRef('e.clip_id', '=', 'h.clip_id')
          .where('e.epoch', '>=', epoch),
      ),
    query,
  );
  const changed = ordered(
    afterPosition(changedSince, query, prior)
      .select(LISTED_COLUMNS)
      .select(sql<number>`${sql.raw(prior[0])}`.as('sort_value')),
    prior,
  ).limit(slot<number>('streamLimit'));
  let page = ordered(
    db
      .selectFrom(unchanged.as('unchanged'))
      .selectAll()
      .unionAll(db.selectFrom(changed.as('changed')).selectAll()),
    ['sort_value', 'list_seq'],
  ).limit(slot<number>('limit'));
  if (query.skip !== undefined) page = page.offset(slot<number>('skip'));
  return page as unknown as Compilable<ListedRow>;
}

/**
 * The SELECT that counts the clips of a list, up to `countLimit`, its values in slots: a
 * bounded walk of an index, whatever the list's size. A user's list, whoever reads it, is
 * counted from the index clips_owner_readable alone (migration 0007), which holds every
 * column the read rule and the scid, title and saved filters test; lists filtered by type or
 * event, and public lists, read the rows.
 */
export function listCountQuery(db: Kysely<StoreDatabase>, query: ClipListQuery): Compilable<{ n: number | string }> {
  return db
    .selectFrom(filtered(db.selectFrom('clips'), query).select(sql<number>`1`.as('one')).limit(slot<number>('countLimit')).as('listed'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'));
}

/**
 * The statements of lists, written once for both engines and compiled once per shape (which
 * filters, order and paging a query has; at most a few hundred shapes), when first used.
 * A page after a continuation token starts at the token's position with a row-value
 * comparison on the order's index (`(sort, list_seq) < (?, ?)`), never with OFFSET; only
 * `skipItems`, which the contract bounds, uses OFFSET.
 */
export function clipListStatements(db: Kysely<StoreDatabase>) {
  const cache = new Map<string, CompiledStatement<any>>();
  const cached = <R>(shape: string, build: () => CompiledStatement<R>): CompiledStatement<R> => {
    let statement = cache.get(shape);
    if (!statement) cache.set(shape, (statement = build()));
    return statement as CompiledStatement<R>;
  };

  return {
    page: (query: ClipListQuery) => cached<ListedRow>(shapeOf(query, 'page'), () => compileOnce<ListedRow>(listPageQuery(db, query))),
    count: (query: ClipListQuery) => cached<{ n: number | string }>(shapeOf(query, 'count'), () => compileOnce(listCountQuery(db, query))),
    deleteClip: compileOnce<{ game_clip_id: string }>(
      db
        .deleteFrom('clips')
        .where('scid', '=', slot<string>('scid'))
        .where('game_clip_id', '=', slot<string>('gameClipId'))
        .where('xuid', '=', slot<string>('owner'))
        .returning('game_clip_id'),
    ),
    deleteRatings: compileOnce(
      db.deleteFrom('ratings').where('scid', '=', slot<string>('scid')).where('game_clip_id', '=', slot<string>('gameClipId')),
    ),
    deleteFlags: compileOnce(
      db.deleteFrom('flags').where('scid', '=', slot<string>('scid')).where('game_clip_id', '=', slot<string>('gameClipId')),
    ),
    deleteSortHistory: compileOnce(
      db.deleteFrom('clip_sort_history').where('clip_scid', '=', slot<string>('scid')).where('clip_id', '=', slot<string>('gameClipId')),
    ),
    /** Prunes the sort history before an epoch, by its epoch index. */
    deleteHistoryBefore: compileOnce(db.deleteFrom('clip_sort_history').where('epoch', '<', slot<number>('before'))),
  };
}

export type ClipListStatements = ReturnType<typeof clipListStatements>;
