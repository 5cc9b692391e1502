import { sql, type Compilable, type Kysely, type SelectQueryBuilder } from 'kysely';
import { compileOnce, slot, type CompiledStatement } from './compiled-query.js';
import { SORT_SQL, sortValue } from './list-order.js';
import type { ClipListQuery } from './clip-list-query.js';
import type { ClipRow, StoreDatabase } from './schema.js';

/** A listed row: the clip's columns and its sort value. */
export type ListedRow = ClipRow & { sort_value: number | string };

type ClipsQuery = SelectQueryBuilder<StoreDatabase, 'clips', object>;

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

/** The WHERE of a list: its scope, the caller's read rule and the filters. */
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
    afterValue: query.after?.sortValue,
    afterKey: query.after?.clipKey,
  };
  (query.types ?? []).forEach((type, i) => (values[`type${i}`] = `%,${type.toLowerCase()},%`));
  (query.eventIds ?? []).forEach((id, i) => (values[`event${i}`] = id));
  return values;
}

/** The SELECT of a page of a list, its values in slots (see listValues). */
export function listPageQuery(db: Kysely<StoreDatabase>, query: ClipListQuery): Compilable<ListedRow> {
  const sort = SORT_SQL[query.qualifier];
  const direction = query.order === 'A' ? 'asc' : 'desc';
  let q = filtered(db.selectFrom('clips'), query);
  if (query.after !== undefined) {
    const comparison = sql.raw(query.order === 'A' ? '>' : '<');
    q = q.where(sql<boolean>`(${sql.raw(sort)}, clip_key) ${comparison} (${slot<number>('afterValue')}, ${slot<number>('afterKey')})`);
  }
  let page = q
    .selectAll()
    .select(sortValue(query.qualifier).as('sort_value'))
    .orderBy(sql.raw(sort), direction)
    .orderBy('clip_key', direction)
    .limit(slot<number>('limit'));
  if (query.skip !== undefined) page = page.offset(slot<number>('skip'));
  return page as unknown as Compilable<ListedRow>;
}

/**
 * The statements of lists, written once for both engines and compiled once per shape (which
 * filters, order and paging a query has; at most a few hundred shapes), when first used.
 * A page after a continuation token starts at the token's position with a row-value
 * comparison on the order's index (`(sort, clip_key) < (?, ?)`), never with OFFSET; only
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
    /** Counts the clips of a list, up to `countLimit`: a bounded walk of the list's index, whatever the list's size. */
    count: (query: ClipListQuery) =>
      cached<{ n: number | string }>(shapeOf(query, 'count'), () =>
        compileOnce<{ n: number | string }>(
          db
            .selectFrom(filtered(db.selectFrom('clips'), query).select(sql<number>`1`.as('one')).limit(slot<number>('countLimit')).as('listed'))
            .select((eb) => eb.fn.countAll<number | string>().as('n')),
        ),
      ),
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
  };
}

export type ClipListStatements = ReturnType<typeof clipListStatements>;
