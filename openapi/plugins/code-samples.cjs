// Code samples for every operation, made from the contract itself so they cannot drift from
// it: a `curl` command and a TypeScript call with `@gameclips/client`. The Redocly plugin
// (gameclips.cjs) puts them in each operation's `x-codeSamples`; tests call the same
// functions to compile the TypeScript and to run the curl commands against the server.
//
//   const { codeSamplesFor } = require('./code-samples.cjs');
//   codeSamplesFor(document, { baseUrl: server.url })
//   // [{ operationId: 'getClip', method: 'get', path, samples: [{ lang: 'Shell', label: 'curl', source }, ...] }, ...]
'use strict';

// The operation table and `$ref` resolution of @gameclips/contract (an ES module; Node.js
// 20.19+ can require() it), applied to whatever document Redocly or a test hands in.
const { operationTable, resolveRef } = require('@gameclips/contract');

/**
 * The shell and environment variable the samples take the caller's `Authorization` value from,
 * `XBL3.0 x=<userhash>;<token>` as `gameclips-server token` prints it (the client also takes a bare token).
 */
const TOKEN_VARIABLE = 'GAMECLIPS_TOKEN';
const TOKEN_NOTE = `${TOKEN_VARIABLE}: "XBL3.0 x=<userhash>;<token>"`;
/** The client's option names where they differ from the contract's parameter names. */
const CLIENT_OPTION_NAMES = { ratingValue: 'rating' };
/** Path parameter values the client fills in when they are left out. */
const CLIENT_DEFAULTS = { ownerId: 'me' };
/**
 * The version header every operation declares. Either it or `x-xbl-contract-version` is
 * needed, so neither is `required` in the contract; the samples send this one.
 */
const VERSION_HEADER = 'X-RequestedServiceVersion';
/** Query parameters the samples show even though they are optional: the page size of a list. */
const SHOWN_QUERY_PARAMETERS = new Set(['maxItems']);
/** Query parameters and headers only the curl samples show (the client sets them itself): a block's number, a download's range. */
const CURL_ONLY_PARAMETERS = new Set(['blockNum', 'Range']);
/** The file a curl sample sends, by the body's media type. */
const SAMPLE_FILES = { 'application/octet-stream': 'clip.mp4', 'image/png': 'small.png', 'image/jpeg': 'small.jpg' };
/** The first bytes of a PNG: what the TypeScript sample of a thumbnail sends. */
const PNG_SIGNATURE = '0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a';

/**
 * Whether a sample shows a parameter: path parameters and required headers; the version
 * header; the page size; and a query parameter whose schema allows one value only (public
 * lists need `qualifier=created`).
 */
function isShown(document, parameter) {
  if (parameter.in === 'path' || (parameter.in === 'header' && (parameter.required || parameter.name === VERSION_HEADER))) return true;
  if (CURL_ONLY_PARAMETERS.has(parameter.name)) return true;
  if (parameter.in !== 'query') return false;
  const schema = resolveRef(document, parameter.schema) || {};
  return parameter.required || SHOWN_QUERY_PARAMETERS.has(parameter.name) || (Array.isArray(schema.enum) && schema.enum.length === 1 && parameter.name !== 'qualifer');
}

/** The value to show for a parameter: its example, its first named example, or its schema's. */
function parameterValue(document, parameter) {
  if (parameter.example !== undefined) return parameter.example;
  const [first] = Object.values(parameter.examples || {});
  if (first) return resolveRef(document, first).value;
  const schema = resolveRef(document, parameter.schema) || {};
  return schema.example ?? schema.examples?.[0] ?? schema.default;
}

/** The first example of a media type, if it has one. */
function mediaTypeExample(document, mediaType) {
  if (mediaType.example !== undefined) return mediaType.example;
  const [first] = Object.values(mediaType.examples || {});
  return first ? resolveRef(document, first).value : undefined;
}

/** Whether a response is a page of a list: its JSON body has `gameClips` and `pagingInfo`. */
function isListResponse(document, response) {
  const schema = resolveRef(document, resolveRef(document, response)?.content?.['application/json']?.schema);
  return Boolean(schema?.properties?.gameClips && schema.properties.pagingInfo);
}

/** The JSON schema of an operation's 200 response, resolved. */
function okSchema(document, entry) {
  return resolveRef(document, resolveRef(document, entry.responses['200'])?.content?.['application/json']?.schema);
}

/** The media types of an operation's successful responses. */
function successMediaTypes(document, entry) {
  return Object.entries(entry.responses)
    .filter(([status]) => /^2/.test(status))
    .flatMap(([, response]) => Object.keys(resolveRef(document, response)?.content || {}));
}

/**
 * What the samples of one operation (an entry of the operation table) are made of.
 * `options.baseUrl` replaces the contract's first server; `options.values` replaces example
 * values by parameter name.
 */
function describeOperation(document, entry, options = {}) {
  const shown = entry.parameters.filter((p) => isShown(document, p));
  const value = (p) => (options.values && p.name in options.values ? options.values[p.name] : parameterValue(document, p));
  const content = resolveRef(document, entry.operation.requestBody)?.content || {};
  const [mediaType] = Object.keys(content);
  return {
    operationId: entry.operationId,
    method: entry.method.toLowerCase(),
    path: entry.path,
    baseUrl: String(options.baseUrl ?? document.servers?.[0]?.url ?? '').replace(/\/$/, ''),
    clientMethod: entry.operation['x-client-method'] ?? entry.operationId,
    pathParams: shown.filter((p) => p.in === 'path').map((p) => ({ name: p.name, value: value(p) })),
    queryParams: shown.filter((p) => p.in === 'query').map((p) => ({ name: p.name, value: value(p) })),
    headers: shown.filter((p) => p.in === 'header').map((p) => ({ name: p.name, value: String(value(p)) })),
    mediaType,
    body: mediaType ? mediaTypeExample(document, content[mediaType]) : undefined,
    returnsBody: Boolean(entry.responses['200']?.content),
    returnsList: isListResponse(document, entry.responses['200']),
    // A file goes up (a block, an image) or comes down (a video, an image) rather than JSON.
    sendsFile: Boolean(mediaType) && mediaType !== 'application/json',
    returnsFile: successMediaTypes(document, entry).some((type) => type !== 'application/json'),
    returnsClip: Boolean(okSchema(document, entry)?.properties?.gameClip),
    /** The required members of a JSON result that is neither a clip nor a page, which the sample prints. */
    resultMembers: okSchema(document, entry)?.required ?? [],
  };
}

/** The absolute URL of an operation with its path parameters filled in: what the service hands out as an upload or download URI. */
function operationUrl(op) {
  return op.baseUrl + op.pathParams.reduce((p, { name, value }) => p.replace(`{${name}}`, encodeURIComponent(String(value))), op.path);
}

/** Quotes a string for a POSIX shell. */
function shellQuote(text) {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The curl command for an operation; a body goes in a quoted here-document, verbatim. */
function curlSample(op) {
  const query = new URLSearchParams(op.queryParams.map(({ name, value }) => [name, String(value)])).toString();
  const url = operationUrl(op) + (query ? `?${query}` : '');
  const lines = [`curl -i${op.method === 'get' ? '' : ` -X ${op.method.toUpperCase()}`} ${shellQuote(url)}`];
  lines.push(`-H "Authorization: $${TOKEN_VARIABLE}"`);
  for (const { name, value } of op.headers) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (op.mediaType) lines.push(`-H ${shellQuote(`Content-Type: ${op.mediaType}`)}`);
  if (op.body !== undefined) lines.push(`--data-binary @- <<'JSON'\n${JSON.stringify(op.body, null, 2)}\nJSON`);
  else if (op.sendsFile) lines.push(`--data-binary @${SAMPLE_FILES[op.mediaType] || 'file.bin'}`);
  return `# ${TOKEN_NOTE}\n${lines.join(' \\\n  ')}`;
}

/** A TypeScript string literal: single quotes unless the text holds one. */
function tsString(text) {
  if (text.includes("'") && !text.includes('"')) return JSON.stringify(text);
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** A TypeScript literal for a JSON value, on one line when it has one short entry. */
function tsLiteral(value, indent = '') {
  if (typeof value === 'string') return tsString(value);
  if (value === null || typeof value !== 'object') return String(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((v) => tsLiteral(v, inner))
    : Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : tsString(k)}: ${tsLiteral(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{ ', ' }'];
  const oneLine = entries.length ? `${open}${entries.join(', ')}${close}` : open.trim() + close.trim();
  if (entries.length <= 1 && oneLine.length <= 60 && !oneLine.includes('\n')) return oneLine;
  return `${open.trim()}\n${entries.map((e) => `${inner}${e},`).join('\n')}\n${indent}${close.trim()}`;
}

/** The parameters object of the client call, one line per option. */
function clientOptions(op) {
  const options = op.pathParams
    .filter(({ name, value }) => CLIENT_DEFAULTS[name] !== value)
    .map(({ name, value }) => `  ${CLIENT_OPTION_NAMES[name] ?? name}: ${tsLiteral(value, '  ')},`);
  // One client method serves a route and its `/saved` twin.
  if (op.returnsList && op.path.endsWith('/saved')) options.push('  saved: true,');
  // The client sends a query parameter that allows one value (qualifier=created) by itself.
  for (const { name, value } of op.queryParams) if (SHOWN_QUERY_PARAMETERS.has(name)) options.push(`  ${name}: ${tsLiteral(value, '  ')},`);
  if (op.body !== undefined) options.push(`  body: ${tsLiteral(op.body, '  ')},`);
  return options;
}

/** The call and what the sample prints: a page's clips and its token, a clip and its ETag, or the ETag. */
function clientCall(op) {
  const call = `await client.${op.clientMethod}({`;
  if (op.returnsList) {
    return {
      open: `const page = ${call}`,
      use: [
        'for (const clip of page.clips) console.log(clip.clipName, clip.rating, clip.views);',
        '// null on the last page; else pass it as continuationToken for the next page',
        'console.log(page.continuationToken);',
      ],
    };
  }
  if (op.returnsClip) return { open: `const { clip, etag } = ${call}`, use: ['console.log(clip.userCaption, clip.rating, clip.views, etag);'] };
  if (op.returnsBody) return { open: `const result = ${call}`, use: [`console.log(${op.resultMembers.map((m) => `result.${m}`).join(', ') || 'result'});`] };
  if (op.method === 'delete') return { open: call, use: ["console.log('deleted');"] };
  return { open: `const { etag } = ${call}`, use: ['console.log(etag);'] };
}

/**
 * The call of an operation that moves a file, and what it prints: the client reads and writes
 * the upload and download URIs itself, so the samples pass it what the service handed out
 * (a reservation's URI, a clip's `gameClipUris`), here the operation's example URL.
 */
function fileTransferCall(op) {
  const scid = op.pathParams.find((p) => p.name === 'scid');
  if (op.clientMethod === 'uploadClip') {
    return [
      "// The clip's bytes: a Blob, a Uint8Array, or a ReadableStream with its size.",
      'const data = new Uint8Array(5 * 1024 * 1024);',
      'const clip = await client.uploadClip(data, {',
      ...(scid ? [`  scid: ${tsLiteral(scid.value, '  ')},`] : []),
      '  parallel: 4,',
      "  onProgress: ({ loaded, total }) => console.log(`${loaded} of ${total} bytes`),",
      '});',
      'console.log(clip.gameClipId, clip.state);',
    ];
  }
  if (op.sendsFile) {
    return [
      `await client.${op.clientMethod}({`,
      `  uri: ${tsString(operationUrl(op))},`,
      `  image: new Uint8Array([${PNG_SIGNATURE}]),`,
      `  contentType: ${tsString(op.mediaType)},`,
      '});',
      "console.log('sent');",
    ];
  }
  const range = /^bytes=(\d+)-(\d+)$/.exec(op.headers.find((h) => h.name === 'Range')?.value ?? '');
  return [
    `const file = await client.${op.clientMethod}(`,
    `  { uri: ${tsString(operationUrl(op))} },`,
    ...(range ? [`  { range: { start: ${range[1]}, end: ${range[2]} } },`] : []),
    ');',
    'console.log(file.size, file.partial, (await file.bytes()).length);',
    'console.log(file.etag);',
  ];
}

/** The TypeScript call of an operation with `@gameclips/client`. */
function typescriptSample(op) {
  const head = [
    "import { createGameClipsClient } from '@gameclips/client';",
    '',
    `// ${TOKEN_NOTE}`,
    'const client = createGameClipsClient({',
    `  baseUrl: ${tsString(op.baseUrl)},`,
    `  token: process.env.${TOKEN_VARIABLE} ?? '',`,
    '});',
    '',
  ];
  if (op.sendsFile || op.returnsFile) return [...head, ...fileTransferCall(op)].join('\n');
  const { open, use } = clientCall(op);
  return [...head, open, ...clientOptions(op), '});', ...use].join('\n');
}

/** Every operation of the document with its `x-codeSamples` entries, in document order. */
function codeSamplesFor(document, options = {}) {
  return operationTable(document).map((entry) => {
    const op = describeOperation(document, entry, options);
    return {
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      samples: [
        { lang: 'Shell', label: 'curl', source: curlSample(op) },
        { lang: 'TypeScript', label: 'TypeScript', source: typescriptSample(op) },
      ],
    };
  });
}

module.exports = { codeSamplesFor, describeOperation, curlSample, typescriptSample, shellQuote, TOKEN_VARIABLE };
