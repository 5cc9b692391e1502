import { MiB, mib, ratio } from './format.mjs';

const rate = (row, size) => (size / MiB / row.seconds).toFixed(0);

/** The goal of the transfer rows: the server's resident memory grows by less than 64 MiB during an upload and a download of the clip. */
export function transferGoals(transfers) {
  if (!transfers) return [];
  const serverRows = transfers.rows.filter((r) => r.server !== false);
  const worst = Math.max(...serverRows.map((r) => r.rssGrowth ?? Number.NaN));
  return [
    {
      goal: `server RSS grows < 64 MiB during an upload and a download of ${mib(transfers.size)} MiB`,
      figure: serverRows.map((r) => `${r.name.split(',')[0]} +${mib(r.rssGrowth)} MiB`).join(', '),
      status: Number.isNaN(worst) ? 'not measured' : worst < 64 * MiB ? 'met' : 'not met',
    },
  ];
}

/** The transfer section of the report. */
export function renderTransferSection(transfers) {
  const { size, rows } = transfers;
  const local = rows.find((r) => r.server === false);
  return [
    '',
    `## Upload and download of a ${mib(size)} MiB clip`,
    '',
    `\`@gameclips/client\` in the bench process against \`gameclips-server serve\` (SQLite file, its own process) on loopback: \`uploadClip\` reads a file of random bytes as a stream and sends it in blocks of 2 MiB, ${transfers.parallel} at a time; \`downloadClip\` reads the clip back whole as a stream. The baseline reads the same file from the local disk in the same run (from the page cache, as the upload does). RSS growth is the server's peak resident memory during the step (\`VmHWM\`, reset before it) less its resident memory before it.`,
    '',
    '| step | MiB/s | × local read | seconds | bench process CPU s | server CPU s | server RSS before MiB | server peak RSS MiB | server RSS growth MiB |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map((r) => {
      const server = r.server !== false;
      const toLocal = local ? local.seconds / r.seconds : undefined;
      return `| ${r.name} | ${rate(r, size)} | ${ratio(toLocal)} | ${r.seconds.toFixed(2)} | ${r.clientCpuSeconds.toFixed(2)} | ${server ? r.serverCpuSeconds?.toFixed(2) ?? 'n/a' : ''} | ${server ? mib(r.rssBefore) : ''} | ${server ? mib(r.peakRss) : ''} | ${server ? mib(r.rssGrowth) : ''} |`;
    }),
    ...(rows.some((r) => r.publishedSeconds !== undefined)
      ? ['', `The upload's time is to the answer of its last block; with the wait until the clip is \`Published\` (the server's processing delay and the client's reads of the clip), ${rows.find((r) => r.publishedSeconds !== undefined).publishedSeconds.toFixed(2)} s.`]
      : []),
    ...(rows.some((r) => r.server !== false && !r.peakIsFresh) ? ['', 'The peak RSS could not be reset here: it is the peak since the server started.'] : []),
  ];
}
