import express, { type RequestHandler } from 'express';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { chain } from './middleware-chain.js';

async function serve(handler: RequestHandler): Promise<{ status: number; body: string }> {
  const app = express();
  app.use(handler);
  app.use((_req, res) => void res.status(404).send('fell through'));
  app.use(((error, _req, res, _next) => void res.status(500).send(`error: ${(error as Error).message}`)) as express.ErrorRequestHandler);
  const http = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => http.once('listening', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
    return { status: response.status, body: await response.text() };
  } finally {
    await new Promise((resolve) => http.close(resolve));
  }
}

describe('chain', () => {
  const mark = (name: string): RequestHandler => (_req, res, next) => {
    res.locals.seen = [...(res.locals.seen ?? []), name];
    next();
  };
  const answer: RequestHandler = (_req, res) => void res.send((res.locals.seen as string[]).join(','));

  it('runs its steps in order and stops where one answers', async () => {
    expect(await serve(chain(mark('a'), mark('b'), answer, mark('never')))).toEqual({ status: 200, body: 'a,b' });
  });

  it('goes on to the next layer after its last step', async () => {
    expect(await serve(chain(mark('a'), mark('b')))).toEqual({ status: 404, body: 'fell through' });
  });

  it('sends thrown errors, rejected promises and next(error) to the error path', async () => {
    const thrown: RequestHandler = () => {
      throw new Error('thrown');
    };
    const rejected: RequestHandler = async () => {
      throw new Error('rejected');
    };
    const passed: RequestHandler = (_req, _res, next) => next(new Error('passed'));
    for (const [step, message] of [
      [thrown, 'thrown'],
      [rejected, 'rejected'],
      [passed, 'passed'],
    ] as const) {
      expect(await serve(chain(mark('a'), step, answer))).toEqual({ status: 500, body: `error: ${message}` });
    }
  });
});
