/**
 * Crash safety of uploads: `gameclips-server serve` on a SQLite file is killed with SIGKILL
 * while blocks of an upload are in flight, then restarted on the same file. Every block
 * answered 202 before the kill is kept; sending the blocks that were not acknowledged
 * completes the file (exactly one 201), and its download is exactly the bytes sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demo, mintToken } from '../../src/index.js';
import { blocksOf, download, fileBytes, putBlock, reserved, untilPublished } from '../support/upload-client.js';
import { childSecret, killAllChildren, startChild, stopChild, type ChildServer } from './support/child-server.js';
import { checkIntegrity } from './support/db-snapshot.js';

const BLOCK = 256 * 1024;
const BLOCKS = 24;

let dir: string;
let owner: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gameclips-upload-crash-'));
  owner = await mintToken(new TextEncoder().encode(childSecret), { xuid: demo.ownerXuid, scid: demo.scid, titleId: demo.titleId });
});
afterAll(() => {
  killAllChildren();
  rmSync(dir, { recursive: true, force: true });
});

describe('an upload across a kill -9 of the server', () => {
  test('keeps every acknowledged block; the rest sent after the restart complete the exact file', { timeout: 120_000 }, async () => {
    const db = join(dir, 'clips.sqlite');
    const bytes = fileBytes(BLOCK * BLOCKS - 1000, 99);
    const blocks = blocksOf(bytes, BLOCK);
    let server: ChildServer = await startChild(['--db', db, '--seed', 'none', '--processing-delay', '0']);
    const reservation = await reserved(server.url, owner, demo.scid, { fileSize: bytes.length, expectedBlocks: blocks.length });
    const path = new URL(reservation.uploadUri).pathname;

    // Blocks go out four at a time; once half are acknowledged, the server is killed with the
    // next ones in flight (they may or may not have landed: they were not acknowledged).
    const acknowledged = new Set<number>();
    const inFlight: Promise<unknown>[] = [];
    let next = 0;
    await new Promise<void>((killed) => {
      const sendNext = (): void => {
        if (next >= blocks.length) return;
        const n = next++;
        const sent = putBlock(server.url + path, owner, n, blocks[n]!).then(
          (response) => {
            if (response.status === 202) acknowledged.add(n);
            if (acknowledged.size === blocks.length / 2) {
              server.process.kill('SIGKILL');
              killed();
            } else if (!server.hasExited()) sendNext();
          },
          () => undefined, // cut by the kill
        );
        inFlight.push(sent);
      };
      for (let i = 0; i < 4; i++) sendNext();
    });
    await server.exited;
    await Promise.allSettled(inFlight);
    // Answers already on their way when the process died count too.
    expect(acknowledged.size).toBeGreaterThanOrEqual(blocks.length / 2);
    expect(acknowledged.size).toBeLessThan(blocks.length);
    expect(checkIntegrity(db)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });

    server = await startChild(['--db', db, '--seed', 'none', '--processing-delay', '0']);
    try {
      const statuses: number[] = [];
      for (const n of blocks.keys()) {
        if (!acknowledged.has(n)) statuses.push((await putBlock(server.url + path, owner, n, blocks[n]!)).status);
      }
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.at(-1)).toBe(201);
      const clip = await untilPublished(server.url, owner, demo.scid, reservation.gameClipId);
      const downloaded = await download(clip.gameClipUris[0]!.uri, owner);
      expect(downloaded.status).toBe(200);
      expect(downloaded.bytes.equals(bytes)).toBe(true);
      expect(server.errorLines).toEqual([]);
    } finally {
      await stopChild(server);
    }
  });
});
