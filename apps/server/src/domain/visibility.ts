import type { GameClip } from '@gameclips/types';
import type { Caller } from './caller.js';

/** The states that hide a clip from everyone but its owner: flagged and the like, and an upload not yet complete. */
export const HIDDEN_STATES: readonly GameClip['state'][] = ['Flagged', 'Banned', 'Deleted', 'PendingUpload'];
const HIDDEN: ReadonlySet<GameClip['state']> = new Set(HIDDEN_STATES);

/**
 * Whether the caller may see a clip. The owner sees it always; others not when it is
 * Owner-only, Title-only from another title, or flagged, banned, deleted or pending upload. Writes check the
 * same rule in SQL (`visibleTo` in store/clip-statements.ts).
 */
export function canSee(clip: GameClip, caller: Caller): boolean {
  if (clip.xuid === caller.xuid) return true;
  if (HIDDEN.has(clip.state)) return false;
  if (clip.visibility === 'Owner') return false;
  if (clip.visibility === 'Title') return caller.titleId !== undefined && caller.titleId === clip.titleId;
  return true;
}
