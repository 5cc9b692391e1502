// Redocly plugin for the Game Clips contract: two lint rules that keep the error model in
// one shape, a decorator that renders the `x-error-codes` table into the docs, so the
// table is written once (in the YAML) and read by the server, the types and the reader,
// and a decorator that adds `x-codeSamples` (curl, TypeScript) made from the contract.
'use strict';

const { errorCodesOf } = require('@gameclips/contract');
const { codeSamplesFor } = require('./code-samples.cjs');

const ERROR_CODES_MARKER = '<!-- error-codes -->';

function errorCodeTable(codes) {
  const rows = codes.map(
    (c) => `| \`${c.code}\` | ${c.status} | \`${c.name}\` | ${c.message} |`,
  );
  return ['| errorCode | HTTP status | name | meaning |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

function resolved(ctx, node) {
  return node && node.$ref ? ctx.resolve(node).node : node;
}

// Every 4XX/5XX response of every operation has a ServiceErrorResponse JSON body.
function errorResponsesAreServiceErrors() {
  return {
    Operation: {
      enter(operation, ctx) {
        for (const [status, raw] of Object.entries(operation.responses || {})) {
          if (!/^[45]/.test(status)) continue;
          const response = resolved(ctx, raw);
          const schema = response?.content?.['application/json']?.schema;
          if (!schema || schema.$ref !== '#/components/schemas/ServiceErrorResponse') {
            ctx.report({
              message: `Error response ${status} must have an application/json ServiceErrorResponse body.`,
              location: ctx.location.child(['responses', status]),
            });
          }
        }
      },
    },
  };
}

// The error-code table is well formed, and every errorCode shown in an example is in it.
function errorCodesTable() {
  let known = new Set();
  return {
    Root: {
      enter(root, ctx) {
        const codes = root['x-error-codes'];
        if (!Array.isArray(codes) || codes.length === 0) {
          ctx.report({ message: 'The document must list its error codes in `x-error-codes`.', location: ctx.location });
          return;
        }
        const names = new Set();
        codes.forEach((entry, i) => {
          const where = ctx.location.child(['x-error-codes', i]);
          const ok =
            Number.isInteger(entry.code) &&
            typeof entry.name === 'string' &&
            /^[A-Z][A-Za-z]+$/.test(entry.name) &&
            Number.isInteger(entry.status) &&
            entry.status >= 400 &&
            entry.status <= 599 &&
            typeof entry.message === 'string' &&
            entry.message.length > 0;
          if (!ok) ctx.report({ message: 'An error code needs an integer code, a PascalCase name, a 4xx/5xx status and a message.', location: where });
          if (known.has(entry.code)) ctx.report({ message: `Error code ${entry.code} is listed twice.`, location: where });
          if (names.has(entry.name)) ctx.report({ message: `Error name ${entry.name} is listed twice.`, location: where });
          known.add(entry.code);
          names.add(entry.name);
        });
      },
    },
    MediaType: {
      enter(mediaType, ctx) {
        const examples = [mediaType.example, ...Object.values(mediaType.examples || {}).map((e) => resolved(ctx, e)?.value)];
        for (const example of examples) {
          if (example && typeof example === 'object' && 'errorCode' in example && example.errorCode !== null && !known.has(example.errorCode)) {
            ctx.report({ message: `Example errorCode ${example.errorCode} is not in x-error-codes.`, location: ctx.location });
          }
        }
      },
    },
  };
}

// Renders `x-error-codes` as a markdown table where the info description has the marker.
function errorCodeTableDecorator() {
  return {
    Root: {
      leave(root) {
        if (root.info && typeof root.info.description === 'string' && Array.isArray(root['x-error-codes'])) {
          root.info.description = root.info.description.replace(ERROR_CODES_MARKER, errorCodeTable(errorCodesOf(root)));
        }
      },
    },
  };
}

// Puts the generated curl and TypeScript samples in every operation's `x-codeSamples`,
// replacing any written by hand: the contract is their one source.
function codeSamplesDecorator() {
  return {
    Root: {
      leave(root) {
        for (const { path, method, samples } of codeSamplesFor(root)) {
          root.paths[path][method]['x-codeSamples'] = samples;
        }
      },
    },
  };
}

module.exports = function gameclipsPlugin() {
  return {
    id: 'gameclips',
    rules: {
      oas3: {
        'error-responses-are-service-errors': errorResponsesAreServiceErrors,
        'error-codes-table': errorCodesTable,
      },
    },
    decorators: {
      oas3: {
        'error-code-table': errorCodeTableDecorator,
        'code-samples': codeSamplesDecorator,
      },
    },
  };
};
