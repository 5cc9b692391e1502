import type { GameClip } from '@gameclips/types';

/** The ids of the demo data, for examples and tests. */
export const demo = {
  scid: '00000000-0000-0000-0000-00007a3b9c1d',
  /** Owns the first four clips. */
  ownerXuid: '2533274790395904',
  /** Owns the last two clips. */
  otherXuid: '2533274790395905',
  /** The title that recorded the demo clips. */
  titleId: 2058984733,
  /** Another title, that may not see Title-only clips. */
  otherTitleId: 1717113201,
  clips: {
    /** Public, owned by ownerXuid, already rated and viewed. */
    public: '7c9b4a3e-8f2d-4e1a-9b6c-2d5f8e7a1c30-000',
    /** Owner-only, owned by ownerXuid. */
    ownerOnly: '1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
    /** Title-only, owned by ownerXuid. */
    titleOnly: '2a3b4c5d-6e7f-4a8b-9cad-becf0a1b2c3d',
    /** Default visibility, owned by ownerXuid, never rated. */
    fresh: '3c4d5e6f-7a8b-4c9d-8eaf-0b1c2d3e4f50',
    /** Public, owned by otherXuid. */
    othersPublic: '4d5e6f70-8192-4a3b-9c4d-5e6f708192a3',
    /** Already flagged, owned by otherXuid: hidden from everyone else. */
    othersFlagged: '5e6f7081-92a3-4b4c-8d5e-6f708192a3b4',
    /** Public and saved, owned by ownerXuid, recorded by otherTitleId. */
    otherTitle: '6f708192-a3b4-4c5d-9e6f-708192a3b4c5',
  },
} as const;

/** The optional members of a clip, in the order the store reads them back. */
const OPTIONAL_MEMBERS = ['titleName', 'gameClipLocale', 'systemProperties', 'savedByUser', 'achievementId', 'greatestMomentId'] as const;

function demoClip(gameClipId: string, xuid: string, changes: Partial<GameClip>): GameClip {
  const clip: GameClip = {
    gameClipId,
    xuid,
    scid: demo.scid,
    titleId: demo.titleId,
    state: 'Published',
    dateRecorded: '2026-10-02T18:24:05.000Z',
    lastModified: '2026-10-03T09:12:44.000Z',
    clipName: 'Clip',
    userCaption: '',
    type: 'UserGenerated',
    source: 'Console',
    visibility: 'Public',
    durationInSeconds: 30,
    rating: 0,
    ratingCount: 0,
    views: 0,
    titleData: '',
    thumbnails: [
      { uri: `https://gameclips.example.net/thumbnails/${gameClipId}-small.png`, fileSize: 18234, thumbnailType: 'Small' },
    ],
    gameClipUris: [
      { uri: `https://gameclips.example.net/clips/${gameClipId}.mp4`, fileSize: 14215884, uriType: 'Download', expiration: '2027-12-31T00:00:00.000Z' },
    ],
    ...changes,
  };
  // The optional members go last, in the store's order, so a clip reads back key for key as loaded.
  const optional = { titleName: 'Street Racer', gameClipLocale: 'en-US', ...changes };
  for (const member of OPTIONAL_MEMBERS) {
    delete clip[member];
    if (optional[member] !== undefined) Object.assign(clip, { [member]: optional[member] });
  }
  return clip;
}

/** When the demo clips were recorded, a day apart, so that lists ordered by creation read sensibly. */
const recorded = (day: number) => ({ dateRecorded: `2026-10-${String(day).padStart(2, '0')}T18:24:05.000Z` });

/**
 * The demo clips loaded into an empty store by `--seed demo`: two users, two titles, some
 * saved, so that every list has something to show (and something it must not show).
 */
export const demoClips: readonly GameClip[] = [
  demoClip(demo.clips.public, demo.ownerXuid, {
    clipName: 'Triple takedown',
    userCaption: 'Three in one jump',
    rating: 4.5,
    ratingCount: 2,
    views: 118,
    savedByUser: true,
    greatestMomentId: 'TripleTakedown',
    ...recorded(2),
  }),
  demoClip(demo.clips.ownerOnly, demo.ownerXuid, { clipName: 'Practice run', visibility: 'Owner', savedByUser: false, ...recorded(3) }),
  demoClip(demo.clips.titleOnly, demo.ownerXuid, { clipName: 'Secret level', visibility: 'Title', savedByUser: true, ...recorded(4) }),
  demoClip(demo.clips.fresh, demo.ownerXuid, {
    clipName: 'First win',
    visibility: 'Default',
    durationInSeconds: 45,
    type: 'DeveloperInitiated, Achievement',
    achievementId: 'FirstWin',
    savedByUser: false,
    ...recorded(5),
  }),
  demoClip(demo.clips.othersPublic, demo.otherXuid, { clipName: 'Photo finish', views: 7, rating: 3, ratingCount: 1, savedByUser: true, ...recorded(1) }),
  demoClip(demo.clips.othersFlagged, demo.otherXuid, { clipName: 'Questionable', state: 'Flagged', ...recorded(6) }),
  demoClip(demo.clips.otherTitle, demo.ownerXuid, {
    clipName: 'Cliff jump',
    titleId: demo.otherTitleId,
    titleName: 'Mountain Bike',
    views: 31,
    rating: 4,
    ratingCount: 3,
    savedByUser: true,
    ...recorded(7),
  }),
];
