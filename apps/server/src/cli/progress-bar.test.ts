import { describe, expect, it } from 'vitest';
import { progressBar } from './progress-bar.js';

function output(isTTY: boolean) {
  const written: string[] = [];
  return { written, out: { isTTY, columns: 80, write: (text: string) => written.push(text) } };
}

const MiB = 1024 * 1024;

describe('progressBar', () => {
  it('redraws one line on a terminal, at most every 100 ms but always at the end', () => {
    const { written, out } = output(true);
    let clock = 0;
    const bar = progressBar(out, 4 * MiB, 'upload', () => clock);
    bar.update(0);
    clock = 50;
    bar.update(MiB); // too soon: not drawn
    clock = 200;
    bar.update(2 * MiB);
    bar.update(4 * MiB); // the end: drawn at once
    bar.done('published');
    expect(written).toHaveLength(4);
    expect(written.slice(0, 3).every((text) => text.startsWith('\r') && !text.includes('\n'))).toBe(true);
    expect(written[1]).toMatch(/^\rupload \[#+\.+\]  50%  2\.0\/4\.0 MiB$/);
    expect(written[2]).toMatch(/^\rupload \[#+\] 100%  4\.0\/4\.0 MiB$/);
    expect(written[3]).toBe('  published\n');
  });

  it('prints a plain line at each quarter when not on a terminal', () => {
    const { written, out } = output(false);
    const bar = progressBar(out, 8 * MiB, 'upload');
    for (let loaded = 0; loaded <= 8 * MiB; loaded += MiB) bar.update(loaded);
    bar.done('published');
    expect(written).toEqual([
      'upload: 0% (0.0 of 8.0 MiB)\n',
      'upload: 25% (2.0 of 8.0 MiB)\n',
      'upload: 50% (4.0 of 8.0 MiB)\n',
      'upload: 75% (6.0 of 8.0 MiB)\n',
      'upload: 100% (8.0 of 8.0 MiB)\n',
      'upload: published\n',
    ]);
  });
});
