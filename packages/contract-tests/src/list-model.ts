import type { GameClip } from '@gameclips/types';

// What the contract says a list holds and in which order, written independently of the
// server, for the properties to compare the server's pages with.

/** Who calls: a user, signed in to a scid, maybe playing a title. */
export interface ListCallerIdentity {
  xuid: string;
  scid: string;
  titleId?: number;
}

/** The list routes, as a model: which clips each one selects before the read rule. */
export type ListRoute =
  | { kind: 'user'; owner: string; saved: boolean }
  | { kind: 'userScid'; owner: string; scid: string; saved: boolean }
  | { kind: 'userTitle'; owner: string; titleId: number; saved: boolean }
  | { kind: 'publicScid'; scid: string; saved: boolean }
  | { kind: 'publicTitle'; titleId: number; saved: boolean };

export type Qualifier = 'created' | 'rating' | 'views';
export type Order = 'A' | 'D';

/** The path of a route; the owner is `me` when the caller is the owner and `asMe` is set. */
export function routePath(route: ListRoute, caller: ListCallerIdentity, asMe = false): string {
  const owner = 'owner' in route ? (asMe && route.owner === caller.xuid ? 'me' : `xuid(${route.owner})`) : '';
  const saved = route.saved ? '/saved' : '';
  switch (route.kind) {
    case 'user':
      return `/users/${owner}/clips${saved}`;
    case 'userScid':
      return `/users/${owner}/scids/${route.scid}/clips${saved}`;
    case 'userTitle':
      return `/users/${owner}/titles/${route.titleId}/clips${saved}`;
    case 'publicScid':
      return `/public/scids/${route.scid}/clips${saved}`;
    case 'publicTitle':
      return `/public/titles/${route.titleId}/clips${saved}`;
  }
}

/** The event filters of a list: `eventId` on user lists, `achievementId` or `greatestMomentId` on public ones. */
export interface ListFilters {
  eventIds?: readonly string[];
  achievementId?: string;
  greatestMomentId?: string;
}

/** Whether a clip passes a list's event filters. */
export function filtersSelect(filters: ListFilters, clip: GameClip): boolean {
  if (filters.eventIds && ![clip.achievementId, clip.greatestMomentId].some((id) => id !== undefined && filters.eventIds!.includes(id))) return false;
  if (filters.achievementId !== undefined && clip.achievementId !== filters.achievementId) return false;
  if (filters.greatestMomentId !== undefined && clip.greatestMomentId !== filters.greatestMomentId) return false;
  return true;
}

/** Whether the route selects the clip (before the read rule). */
export function routeSelects(route: ListRoute, clip: GameClip): boolean {
  if (route.saved && clip.savedByUser !== true) return false;
  if ('owner' in route && clip.xuid !== route.owner) return false;
  if ('scid' in route && clip.scid !== route.scid) return false;
  if ('titleId' in route && clip.titleId !== route.titleId) return false;
  return true;
}

/**
 * Whether a clip may appear in a list the caller makes: always for its owner; for anyone
 * else only when Published, and not Owner-only or another title's Title-only.
 */
export function mayList(clip: GameClip, caller: ListCallerIdentity): boolean {
  if (clip.xuid === caller.xuid) return true;
  if (clip.state !== 'Published') return false;
  if (clip.visibility === 'Owner') return false;
  if (clip.visibility === 'Title') return caller.titleId !== undefined && clip.titleId === caller.titleId;
  return true;
}

/** The value a list is ordered by. */
export function sortValue(clip: GameClip, qualifier: Qualifier): number {
  if (qualifier === 'rating') return clip.rating;
  if (qualifier === 'views') return clip.views;
  return Date.parse(clip.dateRecorded);
}

/**
 * Compares two clips in list order by the qualifier's value alone. Clips with equal values
 * keep an order the server chooses (the contract promises only that it is the same on
 * every walk, reversed by the other `order`), so the comparison calls them equal.
 */
export function listOrder(qualifier: Qualifier, order: Order): (a: GameClip, b: GameClip) => number {
  const sign = order === 'A' ? 1 : -1;
  return (a, b) => sign * (sortValue(a, qualifier) - sortValue(b, qualifier));
}

/** The places where a sequence of clips breaks the list order (pairs of neighbours out of order). */
export function orderBreaks(clips: readonly GameClip[], qualifier: Qualifier, order: Order): string[] {
  const compare = listOrder(qualifier, order);
  return clips.slice(1).flatMap((clip, i) => (compare(clips[i]!, clip) > 0 ? [`${clips[i]!.gameClipId} before ${clip.gameClipId}`] : []));
}
