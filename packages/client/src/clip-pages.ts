import type { GameClip } from '@gameclips/types';
import type { ClipsParams, ListClipsParams, ListPublicClipsParams } from './list-params.js';
import type { ListClipsResult } from './method-results.js';

/** The list methods `clips` pages through. */
export interface ListMethods {
  listClips(params: ListClipsParams): Promise<ListClipsResult>;
  listPublicClips(params: ListPublicClipsParams): Promise<ListClipsResult>;
}

/**
 * Every clip of a list, page after page, following each page's continuation token until
 * the last. The signal cancels the page being fetched and stops the walk between pages.
 */
export async function* clipPages(methods: ListMethods, params: ClipsParams): AsyncGenerator<GameClip, void, undefined> {
  const { public: isPublic, ...rest } = params;
  let continuationToken: string | undefined;
  do {
    params.signal?.throwIfAborted();
    const page = isPublic
      ? await methods.listPublicClips({ ...(rest as ListPublicClipsParams), continuationToken })
      : await methods.listClips({ ...(rest as ListClipsParams), continuationToken });
    for (const clip of page.clips) {
      yield clip;
      params.signal?.throwIfAborted();
    }
    continuationToken = page.continuationToken ?? undefined;
  } while (continuationToken !== undefined);
}
