import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { MiB } from './format.mjs';

/** Resets a process's peak resident memory (`VmHWM`) to its current one; false where Linux does not let us. */
async function resetPeakRss(pid) {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Runs `work`, timing it and noting this process's and the server's CPU time, and how far the server's resident memory rose above where it stood. */
async function measured(server, work) {
  const before = server.rss();
  const peakIsFresh = await resetPeakRss(server.pid);
  const cpuBefore = server.cpuSeconds();
  const ownBefore = process.cpuUsage();
  const start = performance.now();
  const extra = await work();
  const seconds = (performance.now() - start) / 1000;
  const own = process.cpuUsage(ownBefore);
  const peak = server.peakRss();
  return {
    seconds,
    serverCpuSeconds: server.cpuSeconds() - cpuBefore,
    clientCpuSeconds: (own.user + own.system) / 1e6,
    rssBefore: before,
    peakRss: peak,
    rssGrowth: peak !== undefined && before !== undefined ? peak - before : undefined,
    peakIsFresh,
    ...extra,
  };
}

/** Reads a file to its end, as fast as a stream goes; its size in bytes. */
async function readWhole(file) {
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: MiB })) bytes += chunk.length;
  return bytes;
}

/**
 * A clip of `megabytes` MiB of random bytes uploaded with `uploadClip` (read from a file as a
 * stream, `parallel` blocks at a time) to a `serve` process, then downloaded whole with
 * `downloadClip`, beside the time to read the same file from the local disk in the same run.
 * For each: MiB/s, the server's CPU, and how far its resident memory rose.
 */
export async function measureTransfers({ dir, server, client, scid, megabytes, parallel, log }) {
  const file = join(dir, 'transfer.bin');
  const size = megabytes * MiB;
  await writeFile(file, randomBytes(size));
  const rows = [];

  const local = await measured(server, async () => ({ bytes: await readWhole(file) }));
  rows.push({ name: 'read the file from the local disk (baseline)', ...local, server: false });
  log(`  transfer: local read ${(size / MiB / local.seconds).toFixed(0)} MiB/s`);

  let ackedSeconds;
  let clip;
  const upload = await measured(server, async () => {
    const start = performance.now();
    clip = await client.uploadClip(Readable.toWeb(createReadStream(file)), {
      scid,
      size,
      parallel,
      onProgress: ({ loaded, total }) => {
        if (loaded === total) ackedSeconds = (performance.now() - start) / 1000;
      },
      timeoutMs: 120_000,
    });
    return { bytes: size };
  });
  rows.push({ name: `uploadClip, blocks of 2 MiB, ${parallel} at a time (to the last block's answer)`, ...upload, seconds: ackedSeconds ?? upload.seconds, publishedSeconds: upload.seconds });
  log(`  transfer: upload ${(size / MiB / (ackedSeconds ?? upload.seconds)).toFixed(0)} MiB/s`);

  const download = await measured(server, async () => {
    const { stream } = await client.downloadClip(clip, { timeoutMs: 120_000 });
    let bytes = 0;
    for await (const chunk of stream) bytes += chunk.length;
    return { bytes };
  });
  rows.push({ name: 'downloadClip, the whole clip as a stream', ...download });
  log(`  transfer: download ${(size / MiB / download.seconds).toFixed(0)} MiB/s`);
  if (download.bytes !== size) throw new Error(`the download gave ${download.bytes} bytes, not ${size}`);
  return { size, parallel, rows };
}
