import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const ANSI = /\u001b\[[0-9;]*m/g;

/** The URL a line of the CLI's JSON log or of Prism's output announces, if any. */
export function listeningUrl(line) {
  const text = line.replace(ANSI, '');
  if (text.startsWith('{')) {
    try {
      const entry = JSON.parse(text);
      return entry.msg === 'listening' && typeof entry.url === 'string' ? entry.url : undefined;
    } catch {
      return undefined;
    }
  }
  return /listening on (http:\/\/\S+)/i.exec(text)?.[1];
}

/** A memory figure of a process in bytes from Linux `/proc/PID/status` (`VmRSS` resident now, `VmHWM` its peak), or undefined where unknown. */
function memoryBytes(pid, field) {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resolves once anything answers HTTP at `url`, polling every 20 ms. */
async function answering(url, stopped) {
  while (!stopped()) {
    try {
      await (await fetch(url, { signal: AbortSignal.timeout(1_000) })).arrayBuffer();
      return url;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return url;
}

const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used, in seconds (Linux `/proc/PID/stat`), or undefined. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * Starts a server as its own Node.js process (so it does not share the load generator's
 * event loop) and resolves once it prints the URL it listens on or, when `url` is given,
 * once that URL answers (the only way when its output goes to `logFile`).
 */
export function startServerProcess({ label, args, env = {}, url: knownUrl, logFile, timeoutMs = 30_000 }) {
  // A server that logs every request writes to a file, as it would in production, rather
  // than to a pipe that this process, the load generator, would have to drain.
  const log = logFile === undefined ? undefined : openSync(logFile, 'a');
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', log ?? 'pipe', log ?? 'pipe'],
  });
  if (log !== undefined) closeSync(log);
  const tail = [];
  const keep = (line) => {
    tail.push(line);
    if (tail.length > 20) tail.shift();
  };
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${label}: not listening after ${timeoutMs} ms`)), timeoutMs);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${tail.join('\n')}`));
    };
    for (const stream of [child.stdout, child.stderr].filter(Boolean)) {
      createInterface({ input: stream }).on('line', (line) => {
        keep(line);
        const found = listeningUrl(line);
        if (found) {
          clearTimeout(timer);
          resolve(found.replace('//localhost:', '//127.0.0.1:'));
        }
      });
    }
    child.once('error', fail);
    if (knownUrl) {
      const stopped = () => child.exitCode !== null || child.signalCode !== null;
      answering(knownUrl, stopped).then((found) => {
        if (stopped()) return;
        clearTimeout(timer);
        resolve(found);
      });
    }
    exited.then(({ code, signal }) => fail(new Error(`${label}: exited (${signal ?? code}) before listening`)));
  });

  return url.then((baseUrl) => ({
    label,
    url: baseUrl,
    pid: child.pid,
    /** Resident memory now, in bytes. */
    rss: () => memoryBytes(child.pid, 'VmRSS'),
    /** Peak resident memory so far (since the start, or since its reset through `/proc/PID/clear_refs`), in bytes. */
    peakRss: () => memoryBytes(child.pid, 'VmHWM'),
    /** CPU seconds used so far. */
    cpuSeconds: () => cpuSeconds(child.pid),
    /** The last lines it printed. */
    tail: () => tail.join('\n'),
    /** Stops it (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  }));
}
