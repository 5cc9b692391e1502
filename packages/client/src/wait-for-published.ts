import type { GameClip, GameClipState } from '@gameclips/types';
import { delay } from './delay.js';
import { GameClipsUploadError } from './game-clips-upload-error.js';
import type { CallOptions, GetClipParams } from './method-params.js';
import type { GetClipResult } from './method-results.js';

/** States a clip passes through on its way from a complete upload to `Published`. */
const ON_THE_WAY: ReadonlySet<GameClipState> = new Set(['PendingUpload', 'Uploaded', 'Processing', 'Processed', 'Publishing']);

/**
 * Reads the clip every `pollIntervalMs` until it is `Published`, and resolves with it. Throws
 * `GameClipsUploadError` when it reaches any other state that is not on the way there.
 */
export async function waitForPublished(
  getClip: (params: GetClipParams) => Promise<GetClipResult>,
  ref: { scid: string; gameClipId: string },
  { signal, timeoutMs, pollIntervalMs = 250 }: CallOptions & { pollIntervalMs?: number | undefined },
): Promise<GameClip> {
  const wait = signal ?? new AbortController().signal;
  for (;;) {
    const { clip } = await getClip({ ...ref, signal, timeoutMs });
    if (clip.state === 'Published') return clip;
    if (!ON_THE_WAY.has(clip.state)) {
      throw new GameClipsUploadError(ref.gameClipId, `The uploaded clip ${ref.gameClipId} went ${clip.state} rather than Published`);
    }
    await delay(pollIntervalMs, wait);
  }
}
