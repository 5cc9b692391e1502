import type { operations } from '@gameclips/types';
import type { CallOptions, OwnerId } from './method-params.js';

type UserQuery = NonNullable<operations['listUserClips']['parameters']['query']>;
type PublicQuery = NonNullable<operations['listPublicScidClips']['parameters']['query']>;

/** Paging options every list takes. */
export interface PageOptions extends CallOptions {
  /** Most clips on the page, 1 to 100 (the service's default is 25). */
  maxItems?: number | undefined;
  /** Start after this many clips (at most 10,000); ignored with `continuationToken`. */
  skipItems?: number | undefined;
  /** The previous page's `continuationToken`, for the next page of the same list. */
  continuationToken?: string | undefined;
  /** `D` (the default): highest first; `A`: lowest first. */
  order?: UserQuery['order'];
  /** Only saved clips (the `/saved` lists). */
  saved?: boolean | undefined;
}

/** Which scid or title a list is limited to: at most one of them. */
export type ListScope =
  | { /** Only clips of this service configuration; it must equal the token's `scid` claim. */ scid: string; titleId?: undefined }
  | { scid?: undefined; /** Only clips recorded by this title. */ titleId: number };

/** Parameters of `listClips`: a user's clips, all of them or those of one scid or title. */
export type ListClipsParams = PageOptions &
  (ListScope | { scid?: undefined; titleId?: undefined }) & {
    /** Whose clips: `me` (the default) or `xuid(N)`; others see only the clips they may read. */
    ownerId?: OwnerId | undefined;
    /** The order: `created` (the default), `rating` or `views`. */
    qualifier?: UserQuery['qualifier'];
    /** Only clips whose type holds one of these, such as `Achievement`. */
    type?: string | readonly string[] | undefined;
    /** Only clips of one of these events (their `achievementId` or `greatestMomentId`). */
    eventId?: string | readonly string[] | undefined;
  };

/** Parameters of `listPublicClips`: the clips of a scid or a title, of every user, newest first. */
export type ListPublicClipsParams = PageOptions &
  ListScope & {
    /** Only clips made for this achievement. */
    achievementId?: PublicQuery['achievementId'];
    /** Only clips made for this greatest moment. */
    greatestMomentId?: PublicQuery['greatestMomentId'];
  };

/** Parameters of `deleteClip`. */
export interface DeleteClipParams extends CallOptions {
  /** The caller: `me` (the default) or their own `xuid(N)`. */
  ownerId?: OwnerId | undefined;
  /** The clip's service configuration id; it must equal the token's `scid` claim. */
  scid: string;
  /** The clip's id. */
  gameClipId: string;
}

/** Parameters of `clips`: those of `listClips`, or of `listPublicClips` with `public: true`; no continuationToken. */
export type ClipsParams =
  | (Omit<ListClipsParams, 'continuationToken'> & { public?: false | undefined })
  | (Omit<ListPublicClipsParams, 'continuationToken'> & { public: true });
