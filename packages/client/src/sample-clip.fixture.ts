import type { GameClip } from '@gameclips/types';

/** A published clip as the service returns it, for unit tests that answer from a script. */
export function sampleClip(changes: Partial<GameClip> = {}): GameClip {
  const gameClipId = changes.gameClipId ?? '7c9b4a3e-8f2d-4e1a-9b6c-2d5f8e7a1c30-000';
  return {
    gameClipId,
    xuid: '2533274790395904',
    scid: '00000000-0000-0000-0000-00007a3b9c1d',
    titleId: 2058984733,
    state: 'Published',
    dateRecorded: '2026-10-02T18:24:05.000Z',
    lastModified: '2026-10-03T09:12:44.000Z',
    clipName: 'Triple takedown',
    userCaption: '',
    type: 'UserGenerated',
    source: 'Console',
    visibility: 'Public',
    durationInSeconds: 30,
    rating: 4.5,
    ratingCount: 2,
    views: 118,
    titleData: '',
    thumbnails: [],
    gameClipUris: [
      { uri: `https://clips.example.test/clips/${gameClipId}.mp4`, fileSize: 14215884, uriType: 'Download', expiration: '2027-12-31T00:00:00.000Z' },
    ],
    ...changes,
  };
}
