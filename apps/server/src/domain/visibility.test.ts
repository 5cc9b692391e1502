import { describe, expect, it } from 'vitest';
import { demoClips } from '../store/demo-clips.js';
import { canSee } from './visibility.js';

const clip = { ...demoClips[0]!, xuid: '1', titleId: 10 };
const owner = { xuid: '1', scid: clip.scid };
const sameTitle = { xuid: '2', scid: clip.scid, titleId: 10 };
const otherTitle = { xuid: '3', scid: clip.scid, titleId: 11 };

describe('canSee', () => {
  it('lets the owner see every clip, whatever its state or visibility', () => {
    for (const visibility of ['Owner', 'Title', 'Public'] as const) {
      for (const state of ['Published', 'Flagged', 'Banned'] as const) expect(canSee({ ...clip, visibility, state }, owner)).toBe(true);
    }
  });

  it('hides Owner-only clips and flagged, banned or deleted clips from others', () => {
    expect(canSee({ ...clip, visibility: 'Owner' }, sameTitle)).toBe(false);
    for (const state of ['Flagged', 'Banned', 'Deleted'] as const) expect(canSee({ ...clip, state }, sameTitle)).toBe(false);
  });

  it('shows Title-only clips to the same title only', () => {
    expect(canSee({ ...clip, visibility: 'Title' }, sameTitle)).toBe(true);
    expect(canSee({ ...clip, visibility: 'Title' }, otherTitle)).toBe(false);
    expect(canSee({ ...clip, visibility: 'Title' }, { xuid: '4', scid: clip.scid })).toBe(false);
  });

  it('shows Public and Default clips to anyone', () => {
    expect(canSee({ ...clip, visibility: 'Public' }, otherTitle)).toBe(true);
    expect(canSee({ ...clip, visibility: 'Default' }, otherTitle)).toBe(true);
  });
});
