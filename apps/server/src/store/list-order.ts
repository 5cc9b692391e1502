/** What a list is ordered by: the `qualifier` of the contract. */
export type ListQualifier = 'created' | 'rating' | 'views';

/**
 * The column of each order's sort value. The mean rating is a generated column (migration
 * 0003), which the engine keeps equal to `rating_sum / rating_count` under every rating
 * write, so that its index can be walked from a position like the others'.
 */
export const SORT_SQL: Readonly<Record<ListQualifier, string>> = {
  created: 'recorded_ms',
  views: 'views',
  rating: 'rating_mean',
};

/** The expression of the mean rating, as `getClip` computes it (0 with no ratings). */
export const RATING_MEAN_SQL = '(case when rating_count = 0 then 0.0 else rating_sum / rating_count end)';

/**
 * The indexes lists walk, one per (leading filter, order), each ending in the unique
 * list_seq that breaks ties, so that a page is one index range scan after the continuation
 * token's position (migration 0004; 0003 made them with the clip_key that list_seq replaced).
 */
export const LIST_INDEXES: ReadonlyArray<{ name: string; columns: string }> = [
  { name: 'clips_owner_created', columns: `xuid, ${SORT_SQL.created}, list_seq` },
  { name: 'clips_owner_views', columns: `xuid, ${SORT_SQL.views}, list_seq` },
  { name: 'clips_owner_rating', columns: `xuid, ${SORT_SQL.rating}, list_seq` },
  { name: 'clips_owner_scid_created', columns: `xuid, scid, ${SORT_SQL.created}, list_seq` },
  { name: 'clips_owner_title_created', columns: `xuid, title_id, ${SORT_SQL.created}, list_seq` },
  { name: 'clips_scid_created', columns: `scid, ${SORT_SQL.created}, list_seq` },
  { name: 'clips_title_created', columns: `title_id, ${SORT_SQL.created}, list_seq` },
];

/** Whether an order's sort value can change (views and ratings) and its walks need the sort history. */
export function isResorted(qualifier: ListQualifier): boolean {
  return qualifier !== 'created';
}

/** The column of the sort history that holds an order's value before a change (see clip_sort_history). */
export const PRIOR_SQL: Readonly<Record<Exclude<ListQualifier, 'created'>, string>> = {
  views: 'prior_views',
  rating: 'prior_rating',
};

/**
 * The indexes of the sort history: one per re-sorted order, by owner, holding the order
 * whole (value, list_seq), so that a walk reads the clips changed since its epoch in order
 * from its position; and one by epoch, for pruning.
 */
export const HISTORY_INDEXES: ReadonlyArray<{ name: string; columns: string }> = [
  { name: 'clip_sort_history_views', columns: `owner_xuid, ${PRIOR_SQL.views}, list_seq` },
  { name: 'clip_sort_history_rating', columns: `owner_xuid, ${PRIOR_SQL.rating}, list_seq` },
  { name: 'clip_sort_history_epoch', columns: 'epoch' },
];
