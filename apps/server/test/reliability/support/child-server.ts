import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const serverRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The HS256 key child servers are started with (GAMECLIPS_TOKEN_SECRET). */
export const childSecret = 'reliability-secret-0123456789abcdef0123456789';

function newestMtime(dir: string, include: (name: string) => boolean): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, include));
    else if (include(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The built CLI, `dist/cli.js`. `npm test` builds it first (turbo's test dependsOn build);
 * when run alone, a missing or stale build fails here rather than testing old code.
 */
export function cliPath(): string {
  const cli = join(serverRoot, 'dist', 'cli.js');
  const hint = 'run `npm run build -w @gameclips/server` (npm test builds it)';
  if (!existsSync(cli)) throw new Error(`${cli} is missing: ${hint}`);
  const src = newestMtime(join(serverRoot, 'src'), (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
  const dist = newestMtime(join(serverRoot, 'dist'), (name) => name.endsWith('.js'));
  if (src > dist) throw new Error(`apps/server/dist is older than apps/server/src: ${hint}`);
  return cli;
}

/** A log line of the child, as pino wrote it. */
export interface LogLine {
  level: number;
  msg: string;
  status?: number;
  [key: string]: unknown;
}

/** A `gameclips-server serve` child process. */
export interface ChildServer {
  url: string;
  pid: number;
  process: ChildProcess;
  /** Log lines at error level or above (level >= 50), and lines that are not JSON. */
  errorLines: string[];
  /** How many log lines it wrote. */
  lineCount: number;
  /** The last 2000 log lines it wrote, parsed. */
  recentLines: LogLine[];
  /** Resolves with the exit code or signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Whether it has exited. */
  hasExited(): boolean;
  /** Resident set size in bytes, from /proc (Linux) or `ps`. */
  rssBytes(): number;
}

const running = new Set<ChildProcess>();

/** Starts `gameclips-server serve --port 0` with the given flags; resolves once it logs "listening". */
export function startChild(args: string[], env: NodeJS.ProcessEnv = {}, startTimeoutMs = 60_000): Promise<ChildServer> {
  const child = spawn(process.execPath, [cliPath(), 'serve', '--port', '0', '--host', '127.0.0.1', ...args], {
    env: { ...process.env, GAMECLIPS_TOKEN_SECRET: childSecret, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let exitedFlag = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedFlag = true;
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const errorLines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
  });
  const server: Omit<ChildServer, 'url'> & { url: string } = {
    url: '',
    pid: child.pid!,
    process: child,
    errorLines,
    lineCount: 0,
    recentLines: [],
    exited,
    hasExited: () => exitedFlag,
    rssBytes: () => rssOf(child.pid!),
  };
  return new Promise<ChildServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gameclips-server serve did not log "listening" within ${startTimeoutMs} ms; stderr: ${stderr}`));
    }, startTimeoutMs);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      if (!server.url) reject(new Error(`gameclips-server serve exited (${code ?? signal}) before listening; stderr: ${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      server.lineCount++;
      let parsed: LogLine | undefined;
      try {
        parsed = JSON.parse(line) as LogLine;
      } catch {
        errorLines.push(line);
        return;
      }
      if (parsed.level >= 50) errorLines.push(line);
      server.recentLines.push(parsed);
      if (server.recentLines.length > 2000) server.recentLines.splice(0, 1000);
      if (!server.url && parsed.msg === 'listening' && typeof parsed.url === 'string') {
        server.url = parsed.url;
        clearTimeout(timer);
        resolve(server);
      }
    });
  });
}

/** Resident set size of a process, in bytes. */
export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux: fall through to ps
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024;
}

/** Stops a child: SIGTERM (graceful), then SIGKILL if it has not exited after `graceMs`. */
export async function stopChild(server: ChildServer, graceMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (!server.hasExited()) server.process.kill('SIGTERM');
  const timer = setTimeout(() => server.process.kill('SIGKILL'), graceMs);
  const result = await server.exited;
  clearTimeout(timer);
  return result;
}

/** Kills every child still running (for afterAll, so a failed test leaves no process behind). */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}
