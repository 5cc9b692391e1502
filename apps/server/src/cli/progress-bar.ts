/** Where a progress bar draws: stderr, or any stream with its `isTTY` and `columns`. */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** A progress bar of a transfer. */
export interface ProgressBar {
  /** Shows `loaded` of the total bytes. */
  update(loaded: number): void;
  /** Ends the bar's line (a terminal's bar stays drawn), with `note` after it. */
  done(note?: string): void;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1);
/** Least milliseconds between redraws on a terminal. */
const REDRAW_MS = 100;

/**
 * A one-line bar that redraws itself on a terminal (`[#####.....]  50%  2.0/4.0 MiB`); on
 * anything else (a log file, CI), one plain line at each quarter, so a log keeps a few lines.
 */
export function progressBar(out: ProgressOutput, total: number, label: string, now: () => number = Date.now): ProgressBar {
  let drawn = -1;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let quarter = -1;
  const percent = (loaded: number) => Math.floor((100 * loaded) / total);
  const line = (loaded: number) => {
    const width = Math.max(10, Math.min(40, (out.columns ?? 80) - label.length - 30));
    const filled = Math.round((width * loaded) / total);
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent(loaded)).padStart(3)}%  ${mb(loaded)}/${mb(total)} MiB`;
  };
  return {
    update(loaded) {
      if (out.isTTY) {
        if (loaded === drawn || (loaded < total && now() - lastDraw < REDRAW_MS)) return;
        drawn = loaded;
        lastDraw = now();
        out.write(`\r${line(loaded)}`);
        return;
      }
      const reached = Math.floor((4 * loaded) / total);
      if (reached === quarter) return;
      quarter = reached;
      out.write(`${label}: ${percent(loaded)}% (${mb(loaded)} of ${mb(total)} MiB)\n`);
    },
    done(note) {
      const suffix = note === undefined ? '' : `  ${note}`;
      if (out.isTTY) out.write(`${suffix}\n`);
      else if (note !== undefined) out.write(`${label}: ${note}\n`);
    },
  };
}
