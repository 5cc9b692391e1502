import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startServer } from '../start-server.js';

describe('warm-up at start', () => {
  it('leaves no trace: no request log line, no injected fault used up, nothing written', async () => {
    const lines: Array<{ msg: string }> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const server = await startServer({ seed: 'demo', logger, faults: { rate: 0.5 } });
    try {
      expect(lines.filter((line) => line.msg === 'request')).toEqual([]);
      const headers = {
        Authorization: await server.mintToken({ xuid: server.demo.ownerXuid, scid: server.demo.scid }),
        'X-RequestedServiceVersion': '1',
      };
      const url = `${server.url}/users/me/scids/${server.demo.scid}/clips/${server.demo.clips.public}`;
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(url, { headers }).then(async (r) => (await r.arrayBuffer(), r))).status);
      // The fault sequence starts with the first client request: every second one fails.
      expect(statuses).toEqual([200, 503, 200, 503]);
      const stored = await server.store.getClip({ scid: server.demo.scid, gameClipId: server.demo.clips.public });
      expect(stored?.version).toBe(1);
      expect(stored?.clip.views).toBe(118);
    } finally {
      await server.close();
    }
  });
});
