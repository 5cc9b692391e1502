import type { GameClip } from '@gameclips/types';
import type { Caller } from './caller.js';

const HIDDEN_STATES: ReadonlySet<GameClip['state']> = new Set(['Flagged', 'Banned', 'Deleted']);

/**
 * Whether the caller may see a clip. The owner sees it always; others not when it is
 * Owner-only, Title-only from another title, or flagged, banned or deleted.
 */
export function canSee(clip: GameClip, caller: Caller): boolean {
  if (clip.xuid === caller.xuid) return true;
  if (HIDDEN_STATES.has(clip.state)) return false;
  if (clip.visibility === 'Owner') return false;
  if (clip.visibility === 'Title') return caller.titleId !== undefined && caller.titleId === clip.titleId;
  return true;
}
