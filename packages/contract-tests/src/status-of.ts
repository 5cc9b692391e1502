import { GameClipsApiError } from '@gameclips/client';

/** The status a client call ends with: 200, or the status of its GameClipsApiError (any other error is rethrown). */
export async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    if (error instanceof GameClipsApiError) return error.status;
    throw error;
  }
}
