import type { ClipKey } from '../store/clip-store.js';

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The strong ETag of a clip at a metadata version: it covers the owner's metadata
 * (userCaption, visibility, titleData) and changes only when a metadata update writes them;
 * views, ratings and flags leave it as it is.
 */
export function etagOf(key: ClipKey, version: number): string {
  return `"${fnv1a(`${key.scid}/${key.gameClipId}`)}-${version.toString(16)}"`;
}

/**
 * Whether an `If-Match` value matches the current ETag: `*`, or a list of entity tags
 * compared strongly (a weak tag `W/"..."` never matches).
 */
export function ifMatchMatches(ifMatch: string, currentEtag: string): boolean {
  return ifMatch
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === currentEtag);
}

/**
 * The metadata versions an `If-Match` value accepts for a clip: `any` when it holds `*`,
 * otherwise the versions of the tags that are ETags of this clip (none when no tag is).
 */
export function ifMatchVersions(ifMatch: string, key: ClipKey): 'any' | number[] {
  const prefix = `"${fnv1a(`${key.scid}/${key.gameClipId}`)}-`;
  const versions: number[] = [];
  for (const part of ifMatch.split(',')) {
    const tag = part.trim();
    if (tag === '*') return 'any';
    if (!tag.startsWith(prefix) || !tag.endsWith('"')) continue;
    const version = Number.parseInt(tag.slice(prefix.length, -1), 16);
    // Only the canonical spelling of a version is its ETag (no leading zeros, lower case).
    if (Number.isSafeInteger(version) && etagOf(key, version) === tag && !versions.includes(version)) versions.push(version);
  }
  return versions;
}
