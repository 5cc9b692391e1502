import { type RunningServer, startServer } from '@gameclips/server';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** What a test file gets from `useDemoServer`, filled in before its first test runs. */
export interface DemoServer {
  server: RunningServer;
  /** A token of the demo clips' owner. */
  token: string;
  /** The demo's public clip. */
  ref: { scid: string; gameClipId: string };
}

/**
 * Starts a reference server with the demo data for the calling test file (before its first
 * test; closed after its last), and clears injected faults after each test.
 */
export function useDemoServer(): DemoServer {
  const demo = {} as DemoServer;
  beforeAll(async () => {
    demo.server = await startServer({ seed: 'demo' });
    demo.ref = { scid: demo.server.demo.scid, gameClipId: demo.server.demo.clips.public };
    demo.token = await demo.server.mintToken({ xuid: demo.server.demo.ownerXuid, scid: demo.server.demo.scid });
  });
  afterEach(() => demo.server.setFaults({ rate: 0 }));
  afterAll(() => demo.server.close());
  return demo;
}
