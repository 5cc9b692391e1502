/**
 * The reference server with its benchmarking switches, for the "validation off" baseline:
 * `startServer` as `gameclips-server serve` calls it (demo data, no request log), with
 * request validation off too, which the CLI deliberately does not offer.
 * Usage: node reference-server.mjs --db FILE [--validate-requests on|off] [--validate-responses on|off]
 */
import { parseArgs } from 'node:util';
import { startServer } from '@gameclips/server';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: ':memory:' },
    'validate-requests': { type: 'string', default: 'on' },
    'validate-responses': { type: 'string', default: 'on' },
  },
});
const server = await startServer({
  port: 0,
  db: values.db,
  seed: 'demo',
  validateRequests: values['validate-requests'] !== 'off',
  validateResponses: values['validate-responses'] !== 'off',
});
console.log(JSON.stringify({ msg: 'listening', url: server.url }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close().then(() => process.exit(0)));
