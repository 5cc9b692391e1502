/**
 * The workload of the crash-safety test: the clips it writes to, the streams of writes of one
 * round (views, updates, ratings, flags) and the model of what was sent and acknowledged.
 */
import { Agent } from 'node:http';
import type { GameClip } from '@gameclips/types';
import { demo, demoClips, mintToken } from '../../../src/index.js';
import { apiHeaders, clipPath, etagVersion } from './api.js';
import { childSecret, type ChildServer } from './child-server.js';
import { send, type HttpRequest } from './http-client.js';
import type { Prng } from './prng.js';

const secret = new TextEncoder().encode(childSecret);
const { scid, ownerXuid } = demo;
const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const clips = {
  viewA: idOf(1),
  viewB: idOf(2),
  update0: idOf(3),
  update1: idOf(4),
  rate: idOf(5),
  flag: idOf(6),
} as const;
const template = demoClips[0]!;
export const seedClips: GameClip[] = Object.values(clips).map((gameClipId, i) => ({
  ...template,
  gameClipId,
  xuid: ownerXuid,
  clipName: `Crash clip ${i}`,
  userCaption: '',
  visibility: 'Public',
  rating: 0,
  ratingCount: 0,
  views: i * 10,
  titleData: '',
}));

export interface Pair {
  caption: string;
  titleData: string;
}

/** What the client knows: what it sent, what was acknowledged, and what the file held after the last kill. */
export class Model {
  views = new Map<string, { base: number; acked: number; sent: number }>();
  updates = new Map<string, { previous: Pair; attempts: Pair[]; lastAcked: number }>();
  /** Raters of the current round: values in the order sent, index of the last acknowledged one. */
  raters = new Map<string, { values: number[]; lastAcked: number }>();
  /** Ratings of earlier rounds, as the file held them (undefined: no row). */
  knownRatings = new Map<string, number | undefined>();
  flaggers = new Map<string, { acked: boolean }>();
  knownFlags = new Set<string>();
  maxAckedVersion = new Map<string, number>();

  constructor() {
    for (const clip of seedClips) this.maxAckedVersion.set(clip.gameClipId, 0);
    for (const id of [clips.viewA, clips.viewB]) {
      this.views.set(id, { base: seedClips.find((c) => c.gameClipId === id)!.views, acked: 0, sent: 0 });
    }
    for (const id of [clips.update0, clips.update1]) this.updates.set(id, { previous: { caption: '', titleData: '' }, attempts: [], lastAcked: -1 });
  }

  acked(clip: string, etag: unknown): void {
    const version = etagVersion(String(etag));
    this.maxAckedVersion.set(clip, Math.max(this.maxAckedVersion.get(clip)!, version));
  }
}

/** One round's stream of writes; SIGKILLs the server once `killAt` writes were acknowledged. */
export class Round {
  acked = 0;
  sent = 0;
  stopped = false;
  unexpected: string[] = [];
  readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });
  readonly index: number;
  readonly server: ChildServer;
  readonly model: Model;
  readonly prng: Prng;
  readonly killAt: number;
  /** Each stream stops after this many requests, whatever happens. */
  readonly streamCap: number;

  constructor(index: number, server: ChildServer, model: Model, prng: Prng, killAt: number) {
    this.streamCap = 20 * killAt;
    this.index = index;
    this.server = server;
    this.model = model;
    this.prng = prng;
    this.killAt = killAt;
  }

  /**
   * Sends one write: `acked` when answered 200, `refused` for another status, `lost` when the
   * connection failed (the server is gone; the write may or may not have landed), `unsent`
   * once the round has stopped.
   */
  async write(clip: string, req: HttpRequest): Promise<'acked' | 'refused' | 'lost' | 'unsent'> {
    if (this.stopped) return 'unsent';
    this.sent++;
    let res;
    try {
      res = await send(this.server.url, req, { agent: this.agent, timeoutMs: 20_000 });
    } catch {
      return 'lost';
    }
    if (res.status !== 200) {
      this.unexpected.push(`${req.method} ${req.path} -> ${res.status} ${res.text.slice(0, 200)}`);
      return 'refused';
    }
    this.model.acked(clip, res.headers.etag);
    if (++this.acked === this.killAt) {
      // Kill a moment later, while the other streams' writes are being handled.
      setTimeout(() => {
        this.stopped = true;
        this.server.process.kill('SIGKILL');
      }, this.prng.int(0, 4));
    }
    return 'acked';
  }

  async views(clip: string, authorization: string): Promise<void> {
    const state = this.model.views.get(clip)!;
    for (let i = 0; i < this.streamCap; i++) {
      state.sent++;
      const outcome = await this.write(clip, { method: 'POST', path: clipPath(`xuid(${ownerXuid})`, scid, clip, '/views'), headers: apiHeaders(authorization) });
      if (outcome === 'unsent') state.sent--;
      if (outcome === 'acked') state.acked++;
      else return;
    }
  }

  async updates(clip: string, authorization: string): Promise<void> {
    const state = this.model.updates.get(clip)!;
    for (let n = 0; n < this.streamCap; n++) {
      const pair = { caption: `round ${this.index} update ${n}`, titleData: JSON.stringify({ round: this.index, n, pad: 'x'.repeat(this.prng.int(0, 4000)) }) };
      state.attempts.push(pair);
      const outcome = await this.write(clip, {
        method: 'POST',
        path: clipPath('me', scid, clip),
        headers: apiHeaders(authorization, { 'Content-Type': 'application/json' }),
        body: JSON.stringify({ userCaption: pair.caption, titleData: pair.titleData }),
      });
      if (outcome === 'unsent') state.attempts.pop();
      if (outcome === 'acked') state.lastAcked = state.attempts.length - 1;
      else return;
    }
  }

  async ratings(stream: number): Promise<void> {
    for (let i = 0; i < this.streamCap; i++) {
      const xuid = String(2_700_000_000_000_000 + this.index * 1_000_000 + stream * 100_000 + i);
      const authorization = await mintToken(secret, { xuid, scid });
      const first = this.prng.int(1, 5);
      const values = this.prng.chance(0.5) ? [first, (first % 5) + 1] : [first];
      const rater = { values: [] as number[], lastAcked: -1 };
      this.model.raters.set(xuid, rater);
      for (const value of values) {
        rater.values.push(value);
        const path = clipPath(`xuid(${ownerXuid})`, scid, clips.rate, `/ratings/${value}`);
        const outcome = await this.write(clips.rate, { method: 'POST', path, headers: apiHeaders(authorization) });
        if (outcome === 'unsent') rater.values.pop();
        if (rater.values.length === 0) this.model.raters.delete(xuid);
        if (outcome === 'acked') rater.lastAcked = rater.values.length - 1;
        else return;
      }
    }
  }

  async flags(): Promise<void> {
    for (let i = 0; i < this.streamCap; i++) {
      const xuid = String(2_800_000_000_000_000 + this.index * 1_000_000 + i);
      const authorization = await mintToken(secret, { xuid, scid });
      const flagger = { acked: false };
      this.model.flaggers.set(xuid, flagger);
      const outcome = await this.write(clips.flag, { method: 'POST', path: clipPath(`xuid(${ownerXuid})`, scid, clips.flag, '/flag'), headers: apiHeaders(authorization) });
      if (outcome === 'unsent') this.model.flaggers.delete(xuid);
      if (outcome === 'acked') flagger.acked = true;
      else return;
    }
  }
}
