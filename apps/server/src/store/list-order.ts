import { sql, type RawBuilder } from 'kysely';

/** What a list is ordered by: the `qualifier` of the contract. */
export type ListQualifier = 'created' | 'rating' | 'views';

/**
 * The SQL of each order's sort value, written once: the indexes of migration 0003 are on
 * these very expressions (SQLite uses an expression index only for the same expression).
 * The mean rating is computed, not stored, so that the rating writes stay as they are.
 */
export const SORT_SQL: Readonly<Record<ListQualifier, string>> = {
  created: 'recorded_ms',
  views: 'views',
  rating: '(case when rating_count = 0 then 0.0 else rating_sum / rating_count end)',
};

/** The sort value of an order, for a query. */
export function sortValue(qualifier: ListQualifier): RawBuilder<number> {
  return sql<number>`${sql.raw(SORT_SQL[qualifier])}`;
}

/**
 * The indexes lists walk, one per (leading filter, order), each ending in the tie-breaking
 * clip_key, so that a page is one index range scan after the continuation token's position.
 */
export const LIST_INDEXES: ReadonlyArray<{ name: string; columns: string }> = [
  { name: 'clips_owner_created', columns: `xuid, ${SORT_SQL.created}, clip_key` },
  { name: 'clips_owner_views', columns: `xuid, ${SORT_SQL.views}, clip_key` },
  { name: 'clips_owner_rating', columns: `xuid, ${SORT_SQL.rating}, clip_key` },
  { name: 'clips_owner_scid_created', columns: `xuid, scid, ${SORT_SQL.created}, clip_key` },
  { name: 'clips_owner_title_created', columns: `xuid, title_id, ${SORT_SQL.created}, clip_key` },
  { name: 'clips_scid_created', columns: `scid, ${SORT_SQL.created}, clip_key` },
  { name: 'clips_title_created', columns: `title_id, ${SORT_SQL.created}, clip_key` },
];
