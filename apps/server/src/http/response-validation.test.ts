import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '@gameclips/types';
import { demoClips } from '../store/demo-clips.js';
import { mintToken } from '../auth/token-minter.js';
import { TokenVerifier } from '../auth/token-verifier.js';
import { ServiceError } from '../errors/service-error.js';
import { errorHandler } from './error-handler.js';
import { openApiValidator } from './openapi-validator.js';
import { responseProblem, validateJsonResponses } from './response-validation.js';

const secret = new TextEncoder().encode('a key of at least thirty-two bytes');
const scid = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
const clipPath = `/users/me/scids/${scid}/clips/${scid}`;
const clip = demoClips[0]!;

describe('responseProblem', () => {
  it('accepts what the contract declares', () => {
    expect(responseProblem('getClip', 200, { gameClip: clip })).toBeUndefined();
    expect(responseProblem('getClip', 404, { errorCode: 4040, errorMessage: 'no' })).toBeUndefined();
    expect(responseProblem('updateClipMetadata', 200, undefined)).toBeUndefined();
  });

  it('names what breaks it', () => {
    expect(responseProblem('getClip', 200, { gameClip: { ...clip, rating: 'high' } })).toMatch(/rating/);
    expect(responseProblem('getClip', 200, undefined)).toMatch(/object/);
    expect(responseProblem('getClip', 412, { errorCode: 4120, errorMessage: 'no' })).toMatch(/412 is not declared/);
    expect(responseProblem('updateClipMetadata', 200, {})).toMatch(/no body/);
  });

  it('leaves file bodies to their stream, and checks the JSON errors of the same operation', () => {
    expect(responseProblem('downloadClip', 206, { bytes: 1 })).toMatch(/a file, not JSON/);
    expect(responseProblem('downloadClip', 416, { errorCode: 4160, errorMessage: 'no' })).toBeUndefined();
    expect(responseProblem('downloadClip', 416, { errorCode: 'x' })).toMatch(/errorCode|errorMessage/);
  });
});

describe('validateJsonResponses', () => {
  const logged: Array<{ msg: string; err?: { message?: string } }> = [];
  let http: Server;
  let base: string;
  // What the handler answers, per test.
  let answer: RequestHandler = (_req, res) => void res.json({});

  beforeAll(async () => {
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const { routing, validation } = openApiValidator({ verifier: new TokenVerifier(secret) });
    const app = express();
    const answering: RequestHandler = (req, res, next) => answer(req, res, next);
    validateJsonResponses(app, logger);
    app.use(routing, validation, answering);
    app.use(errorHandler(logger, 1024));
    http = app.listen(0, '127.0.0.1');
    await once(http, 'listening');
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(() => http.close());

  async function read() {
    const response = await fetch(`${base}${clipPath}`, {
      headers: { Authorization: await mintToken(secret, { xuid: '1', scid }), 'X-RequestedServiceVersion': '1' },
    });
    return { status: response.status, body: await response.json() };
  }

  it('lets an answer the contract declares through', async () => {
    answer = (_req, res) => void res.json({ gameClip: clip });
    expect(await read()).toEqual({ status: 200, body: { gameClip: clip } });
  });

  it('turns a handler answer that breaks the contract into a logged 500', async () => {
    logged.length = 0;
    answer = (_req, res) => void res.json({ gameClip: { ...clip, views: -1 } });
    expect(await read()).toEqual({ status: 500, body: { errorCode: errorCodes.InternalError.code, errorMessage: 'Internal server error' } });
    expect(logged.map((line) => line.err?.message)).toEqual([expect.stringMatching(/getClip breaks the contract: .*views/)]);
  });

  it('replaces an error answer of a status the operation does not declare with the 500', async () => {
    logged.length = 0;
    answer = () => {
      throw new ServiceError('PreconditionFailed');
    };
    expect(await read()).toEqual({ status: 500, body: { errorCode: errorCodes.InternalError.code, errorMessage: 'Internal server error' } });
    expect(logged.map((line) => line.err?.message)).toEqual([expect.stringMatching(/412 answer to getClip/)]);
  });
});
