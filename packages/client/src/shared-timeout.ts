import { GameClipsTimeoutError } from './game-clips-timeout-error.js';

/** A timeout signal and its timer, shared by the calls of one limit started close together. */
export interface SharedTimeout {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  readonly timer: ReturnType<typeof setTimeout> & { ref?(): void; unref?(): void };
  readonly closesAt: number;
  calls: number;
  pending: number;
}

// A slice lasts 1/64 of the limit (1 s at most) and 64 calls: a `fetch` following the signal
// adds a listener per request, each walking the list (see README, Timeouts).
let open: SharedTimeout | undefined;

function isOpen(slice: SharedTimeout, now = performance.now()): boolean {
  return open === slice && slice.calls < 64 && now < slice.closesAt;
}

/** A signal aborting between `timeoutMs` and 1.6% later; `releaseTimeout` it when the call ends. */
export function leaseTimeout(timeoutMs: number): SharedTimeout {
  const now = performance.now();
  let slice = open;
  if (slice?.timeoutMs !== timeoutMs || !isOpen(slice, now)) {
    const sliceMs = Math.min(1_000, Math.floor(timeoutMs / 64));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new GameClipsTimeoutError(timeoutMs)), timeoutMs + sliceMs);
    slice = open = { signal: controller.signal, timeoutMs, timer, closesAt: now + sliceMs, calls: 0, pending: 0 };
  }
  slice.calls++;
  // Only a timer a call waits on keeps Node running.
  if (slice.pending++ === 0) slice.timer.ref?.();
  return slice;
}

export function releaseTimeout(slice: SharedTimeout): void {
  if (--slice.pending > 0) return;
  if (isOpen(slice)) slice.timer.unref?.();
  else clearTimeout(slice.timer);
}
