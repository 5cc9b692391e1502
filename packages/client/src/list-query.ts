import type { ListClipsParams, ListPublicClipsParams, PageOptions } from './list-params.js';

const joined = (value: string | readonly string[] | undefined) => (typeof value === 'string' || value === undefined ? value : value.join(','));

/** The query string of a list call, the members left undefined left out. */
function defined<T extends Record<string, unknown>>(query: T): Partial<T> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function paging({ maxItems, skipItems, continuationToken, order }: PageOptions) {
  return { maxItems, skipItems, continuationToken, order };
}

/** The query of `listClips`. */
export function userListQuery(params: ListClipsParams) {
  return defined({ ...paging(params), qualifier: params.qualifier, type: joined(params.type), eventId: joined(params.eventId) });
}

/** The query of `listPublicClips`: its order is always by creation, which the service requires to be said. */
export function publicListQuery(params: ListPublicClipsParams) {
  return defined({
    ...paging(params),
    qualifier: 'created' as const,
    achievementId: params.achievementId,
    greatestMomentId: params.greatestMomentId,
  });
}
