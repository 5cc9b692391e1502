// Prints the built size of @gameclips/client: each file of dist/ as shipped, and one
// minified ESM bundle of the package with its runtime dependencies (what a web app adds).
// Run `npm run build` first. The bundle uses rolldown (which vitest's vite brings) when it
// resolves, and is skipped otherwise.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const row = (name, code) =>
  console.log(`${name.padEnd(44)} ${kib(Buffer.byteLength(code)).padStart(10)} ${kib(gzipSync(code).length).padStart(10)} gzip`);

const files = readdirSync(dist, { recursive: true }).filter((f) => String(f).endsWith('.js')).sort();
let all = '';
for (const file of files) {
  const code = readFileSync(new URL(String(file), dist), 'utf8');
  all += code;
  row(`dist/${file}`, code);
}
row(`dist/**/*.js (${files.length} files)`, all);

try {
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({ input: new URL('index.js', dist).pathname, platform: 'browser', logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'esm', minify: true });
  row('bundle: client + openapi-fetch, minified', output[0].code);
} catch (error) {
  console.log(`bundle size skipped: ${error instanceof Error ? error.message : error}`);
}
