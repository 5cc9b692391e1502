import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGameClipsClient, type GameClipsClient, type GameClipsClientSettings } from '@gameclips/client';
import { startServer, type RunningServer } from '@gameclips/server';
import { Coverage } from './coverage.js';
import { recordingFetch } from './recording-fetch.js';
import { ResponseChecker } from './response-checker.js';

/** A reference server on a real SQLite file, and real clients whose every response is checked. */
export class Harness {
  readonly checker = new ResponseChecker();
  readonly coverage = new Coverage();
  readonly fetch: typeof fetch;
  readonly server: RunningServer;
  readonly #dir: string;

  private constructor(server: RunningServer, dir: string) {
    this.server = server;
    this.#dir = dir;
    this.fetch = recordingFetch(this.checker, this.coverage);
  }

  static async start(options: { flagThreshold?: number } = {}): Promise<Harness> {
    const dir = mkdtempSync(join(tmpdir(), 'gameclips-contract-'));
    const server = await startServer({ db: join(dir, 'clips.sqlite'), seed: 'demo', tokenSecret: 'contract-tests-secret-0123456789abcdef', ...options });
    return new Harness(server, dir);
  }

  get demo() {
    return this.server.demo;
  }

  /** A client for a user of the demo scid (or another scid), with retries off unless asked. */
  async client(xuid: string, options: { titleId?: number; scid?: string } & Partial<GameClipsClientSettings> = {}): Promise<GameClipsClient> {
    const { titleId = this.demo.titleId, scid = this.demo.scid, ...settings } = options;
    const token = await this.server.mintToken({ xuid, scid, titleId });
    return createGameClipsClient({ baseUrl: this.server.url, token, fetch: this.fetch, retry: false, ...settings });
  }

  /** Runs `request` while the server answers every request with `status` (and `Retry-After: 1`), then stops the faults. */
  async shedding<T>(status: 503 | 429, request: () => Promise<T>): Promise<T> {
    this.server.setFaults({ rate: 1, status, retryAfterSeconds: 1 });
    try {
      return await request();
    } finally {
      this.server.setFaults({});
    }
  }

  async close(): Promise<void> {
    await this.server.close();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
