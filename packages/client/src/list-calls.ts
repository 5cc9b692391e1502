import type { Client } from 'openapi-fetch';
import type { ListClipsParams, ListPublicClipsParams } from './list-params.js';
import { publicListQuery, userListQuery } from './list-query.js';
import type { RawPaths } from './raw-paths.js';

type Raw = Client<RawPaths, 'application/json'>;

/** The request of `listClips`: the route follows `scid`, `titleId` and `saved`. */
export function userListCall(raw: Raw, params: ListClipsParams, signal: AbortSignal) {
  const ownerId = params.ownerId ?? 'me';
  const query = userListQuery(params);
  if (params.scid !== undefined) {
    const path = { ownerId, scid: params.scid };
    return params.saved
      ? raw.GET('/users/{ownerId}/scids/{scid}/clips/saved', { params: { path, query }, signal })
      : raw.GET('/users/{ownerId}/scids/{scid}/clips', { params: { path, query }, signal });
  }
  if (params.titleId !== undefined) {
    const path = { ownerId, titleId: params.titleId };
    return params.saved
      ? raw.GET('/users/{ownerId}/titles/{titleId}/clips/saved', { params: { path, query }, signal })
      : raw.GET('/users/{ownerId}/titles/{titleId}/clips', { params: { path, query }, signal });
  }
  return params.saved
    ? raw.GET('/users/{ownerId}/clips/saved', { params: { path: { ownerId }, query }, signal })
    : raw.GET('/users/{ownerId}/clips', { params: { path: { ownerId }, query }, signal });
}

/** The request of `listPublicClips`: by `scid` or by `titleId`, `saved` or not. */
export function publicListCall(raw: Raw, params: ListPublicClipsParams, signal: AbortSignal) {
  const query = publicListQuery(params);
  if (params.scid !== undefined) {
    const path = { scid: params.scid };
    return params.saved
      ? raw.GET('/public/scids/{scid}/clips/saved', { params: { path, query }, signal })
      : raw.GET('/public/scids/{scid}/clips', { params: { path, query }, signal });
  }
  const path = { titleId: params.titleId };
  return params.saved
    ? raw.GET('/public/titles/{titleId}/clips/saved', { params: { path, query }, signal })
    : raw.GET('/public/titles/{titleId}/clips', { params: { path, query }, signal });
}
