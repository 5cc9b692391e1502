/**
 * The framework ceiling: Express 5 and express-openapi-validator on the same contract,
 * validating requests (parameters, headers, security presence, body), with a handler that
 * answers 200 at once: no store, no auth check, no domain rules, responses not validated.
 * It is the fastest the server's framework can answer these requests on this machine. Like
 * the reference server, it caches the validator's route patterns (which the validator as
 * shipped recompiles on every request), so the ceiling is the framework at its best.
 * Usage: node ceiling-server.mjs
 */
import { listenUntilSignal } from './listen-until-signal.mjs';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { loadContract } from '@gameclips/contract';
import { demoClips } from '@gameclips/server';

const { cacheRoutePatterns } = await import(new URL('../../../server/dist/http/cache-route-patterns.js', import.meta.url).href);
cacheRoutePatterns();

// Express and the validator as the server package resolves them: the versions it runs on.
const require = createRequire(createRequire(import.meta.url).resolve('@gameclips/server/package.json'));
const express = require('express');
const OpenApiValidator = require('express-openapi-validator');

// A read answers with a clip of the same size as the reference server's.
const readBody = JSON.stringify({ gameClip: demoClips[0] });

const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.use(express.json());
app.use(
  OpenApiValidator.middleware({
    apiSpec: loadContract(),
    validateRequests: true,
    validateResponses: false,
    fileUploader: false,
    validateSecurity: { handlers: { xblAuth: () => true } },
  }),
);
app.use((req, res) => {
  if (req.method === 'GET') res.status(200).type('application/json').send(readBody);
  else res.status(200).end();
});
app.use((error, _req, res, _next) => res.status(error.status ?? 500).json({ errorCode: null, errorMessage: String(error.message) }));

listenUntilSignal(createServer(app));
