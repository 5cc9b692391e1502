import { startServer } from '@gameclips/server';
import { connect } from 'node:net';
const s = await startServer({ seed: 'demo', db: ':memory:', processingDelayMs: 10 });
const tok = await s.mintToken({ xuid: s.demo.ownerXuid, scid: s.demo.scid, titleId: s.demo.titleId });
const h = { Authorization: tok, 'X-RequestedServiceVersion': '1' };
let r = await fetch(`${s.url}/users/me/scids/${s.demo.scid}/clips`, { method: 'POST', headers: { ...h, 'Content-Type': 'application/json' }, body: JSON.stringify({ fileSize: 300, expectedBlocks: 3 }) });
const res = await r.json();
const put = async (label, n, b, ct = 'application/octet-stream') => {
  try {
    r = await fetch(`${res.uploadUri}?blockNum=${n}`, { method: 'PUT', headers: { ...h, 'Content-Type': ct }, body: b });
    console.log(label, r.status, await r.text());
  } catch (e) { console.log(label, 'ERR', e.cause?.code); }
};
await put('415', 1, Buffer.alloc(100), 'application/json');
await put('after415', 1, Buffer.alloc(100));
const raw = (bytes) => new Promise((ok) => { const u = new URL(s.url); const so = connect(Number(u.port), u.hostname); const c = []; so.on('data', (d) => c.push(d)); so.on('error', () => {}); so.on('close', () => ok(Buffer.concat(c).toString().split('\r\n')[0])); so.write(bytes); setTimeout(() => so.destroy(), 5000); });
const { pathname, search } = new URL(`${res.uploadUri}?blockNum=1`);
const head = `PUT ${pathname}${search} HTTP/1.1\r\nHost: x\r\nAuthorization: ${tok}\r\nX-RequestedServiceVersion: 1\r\nContent-Type: application/octet-stream\r\n`;
console.log('declared', await raw(`${head}Content-Length: 2097153\r\n\r\nxxxx`));
await put('afterdeclared', 2, Buffer.alloc(100));
const size = 2097153;
console.log('chunked', await raw(Buffer.concat([Buffer.from(`${head}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n${size.toString(16)}\r\n`), Buffer.alloc(size), Buffer.from('\r\n0\r\n\r\n')])));
await put('afterchunked', 2, Buffer.alloc(100));
await s.close();
