import type { GameClip, ListClipsResponse } from '@gameclips/types';
import { ServiceError } from '../errors/service-error.js';
import type { ClipListQuery } from '../store/clip-list-query.js';
import type { ClipStore } from '../store/clip-store.js';
import type { ListQualifier } from '../store/list-order.js';
import type { Caller } from './caller.js';
import type { ContinuationTokens } from './continuation-token.js';
import { ownerXuid } from './owner.js';

/** Whose clips a list holds, as the route names them. */
export type ListScope =
  | { kind: 'user'; ownerId: string; scid?: string; titleId?: number; saved: boolean }
  | { kind: 'public'; scid?: string; titleId?: number; saved: boolean };

/** A list request, its query parameters checked against the contract. */
export interface ListRequest {
  scope: ListScope;
  maxItems: number;
  skipItems?: number;
  continuationToken?: string;
  qualifier: ListQualifier;
  order: 'A' | 'D';
  types?: readonly string[];
  eventIds?: readonly string[];
  achievementId?: string;
  greatestMomentId?: string;
}

/** The store's query of a list request, its paging left out. */
function storeQuery(caller: Caller, request: ListRequest): Omit<ClipListQuery, 'limit'> {
  const { scope } = request;
  if (scope.scid !== undefined && scope.scid !== caller.scid) throw new ServiceError('ScidMismatch');
  const owner = scope.kind === 'user' ? ownerXuid(scope.ownerId, caller) : undefined;
  if (scope.kind === 'user' && owner === undefined) throw new ServiceError('InvalidRequest', 'The ownerId is not me or xuid(N)');
  return {
    ...(owner !== undefined && { ownerXuid: owner }),
    ...(scope.scid !== undefined && { scid: scope.scid }),
    ...(scope.titleId !== undefined && { titleId: scope.titleId }),
    saved: scope.saved,
    // The owner sees all of their clips; anyone else, in any list, only what they may read.
    ...(owner !== caller.xuid && { viewer: { xuid: caller.xuid, ...(caller.titleId !== undefined && { titleId: caller.titleId }) } }),
    ...(request.types?.length && { types: request.types }),
    ...(request.eventIds?.length && { eventIds: request.eventIds }),
    ...(request.achievementId !== undefined && { achievementId: request.achievementId }),
    ...(request.greatestMomentId !== undefined && { greatestMomentId: request.greatestMomentId }),
    qualifier: request.qualifier,
    order: request.order,
  };
}

/** What a continuation token is bound to: the list (route, owner, filters, order) and who asked. */
function fingerprintOf(caller: Caller, query: Omit<ClipListQuery, 'limit'>): string {
  return JSON.stringify([
    query.ownerXuid ?? null,
    query.scid ?? null,
    query.titleId ?? null,
    query.saved,
    query.types ?? [],
    query.eventIds ?? [],
    query.achievementId ?? null,
    query.greatestMomentId ?? null,
    query.qualifier,
    query.order,
    caller.xuid,
    caller.titleId ?? null,
  ]);
}

/** The most clips `totalItems` is counted to; a longer list's pages leave it out. */
export const TOTAL_ITEMS_LIMIT = 1000;

/**
 * One page of a list. A continuation token wins over `skipItems`; the page after a token
 * starts at its position. One clip more than asked for is read to know whether a next page
 * exists. `totalItems` is given only on pages asked for without a token, and only when the
 * list holds at most TOTAL_ITEMS_LIMIT clips: it is the page's own count when the page ends
 * the list, and otherwise a count that stops at the limit, so that no page costs more on a
 * long list than on a short one.
 */
export async function listClipsPage(
  store: ClipStore,
  tokens: ContinuationTokens,
  caller: Caller,
  request: ListRequest,
): Promise<ListClipsResponse> {
  const query = storeQuery(caller, request);
  const fingerprint = fingerprintOf(caller, query);
  const limit = request.maxItems + 1;
  const after = request.continuationToken !== undefined ? tokens.read(request.continuationToken, fingerprint) : undefined;
  if (after && store.walkExpired(after)) throw new ServiceError('ContinuationTokenExpired');
  const paged: ClipListQuery = after ? { ...query, limit, after } : { ...query, limit, ...(request.skipItems ? { skip: request.skipItems } : {}) };
  const listed = await store.listClips(paged);
  const page = listed.slice(0, request.maxItems);
  const last = page.at(-1);
  const continuationToken = listed.length > request.maxItems && last ? tokens.issue(fingerprint, last.position) : null;
  const gameClips: GameClip[] = page.map((item) => item.clip);
  if (request.continuationToken !== undefined) return { gameClips, pagingInfo: { continuationToken } };
  const skipped = request.skipItems ?? 0;
  const totalItems =
    continuationToken === null && (page.length > 0 || skipped === 0)
      ? skipped + page.length
      : await store.countListed(query, TOTAL_ITEMS_LIMIT + 1);
  if (totalItems > TOTAL_ITEMS_LIMIT) return { gameClips, pagingInfo: { continuationToken } };
  return { gameClips, pagingInfo: { continuationToken, totalItems } };
}
