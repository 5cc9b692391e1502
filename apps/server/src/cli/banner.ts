import type { RunningServer } from '../start-server.js';

const EXAMPLE_BODY = { userCaption: "I've changed this 100 Times!", visibility: 'Owner' };

/** Quotes a string for a POSIX shell. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A newcomer's first steps: the docs, a token for the demo owner and a curl line that works as printed. */
export async function banner(server: RunningServer, publicUrl: string, storeLabel: string): Promise<string> {
  const { demo } = server;
  const authorization = await server.mintToken({ xuid: demo.ownerXuid, scid: demo.scid, titleId: demo.titleId, ttlSeconds: 24 * 3600 });
  const clipUrl = `${publicUrl}/users/me/scids/${demo.scid}/clips/${demo.clips.public}`;
  return [
    '',
    `Game Clips reference server on ${publicUrl}`,
    `  docs:      ${publicUrl}/docs`,
    `  contract:  ${publicUrl}/openapi.yaml`,
    `  health:    ${publicUrl}/healthz`,
    `  store:     ${storeLabel}`,
    '',
    `A token for the demo owner (xuid ${demo.ownerXuid}, valid 24 h):`,
    `  ${authorization}`,
    '',
    "Update a demo clip with the docs' example body:",
    `  curl -i -X POST ${shellQuote(clipUrl)} \\`,
    `    -H ${shellQuote(`Authorization: ${authorization}`)} \\`,
    `    -H 'X-RequestedServiceVersion: 1' -H 'Content-Type: application/json' \\`,
    `    -d ${shellQuote(JSON.stringify(EXAMPLE_BODY))}`,
    '',
    'Read it back:',
    `  curl -s ${shellQuote(clipUrl)} -H ${shellQuote(`Authorization: ${authorization}`)} -H 'X-RequestedServiceVersion: 1'`,
    '',
    'More tokens: npx gameclips-server token --xuid N --scid GUID   (--help for options)',
    '',
  ].join('\n');
}
