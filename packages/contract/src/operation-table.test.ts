import { describe, expect, it } from 'vitest';
import { contractDocument } from './contract-document.js';
import { contractOperations, findOperation } from './contract-operations.js';
import { matchOperation, operationTable } from './operation-table.js';

const CLIP = '/users/{ownerId}/scids/{scid}/clips/{gameClipId}';

describe('the operation table of the shipped contract', () => {
  it('lists every operation of the YAML with its method and path template, in document order', () => {
    expect(contractOperations.map((op) => [op.operationId, op.method, op.path])).toEqual([
      ['getClip', 'GET', CLIP],
      ['updateClipMetadata', 'POST', CLIP],
      ['deleteClip', 'DELETE', CLIP],
      ['rateClip', 'POST', `${CLIP}/ratings/{ratingValue}`],
      ['flagClip', 'POST', `${CLIP}/flag`],
      ['recordClipView', 'POST', `${CLIP}/views`],
      ['listUserClips', 'GET', '/users/{ownerId}/clips'],
      ['listUserSavedClips', 'GET', '/users/{ownerId}/clips/saved'],
      ['listUserScidClips', 'GET', '/users/{ownerId}/scids/{scid}/clips'],
      ['reserveUpload', 'POST', '/users/{ownerId}/scids/{scid}/clips'],
      ['listUserScidSavedClips', 'GET', '/users/{ownerId}/scids/{scid}/clips/saved'],
      ['listUserTitleClips', 'GET', '/users/{ownerId}/titles/{titleId}/clips'],
      ['listUserTitleSavedClips', 'GET', '/users/{ownerId}/titles/{titleId}/clips/saved'],
      ['listPublicScidClips', 'GET', '/public/scids/{scid}/clips'],
      ['listPublicScidSavedClips', 'GET', '/public/scids/{scid}/clips/saved'],
      ['listPublicTitleClips', 'GET', '/public/titles/{titleId}/clips'],
      ['listPublicTitleSavedClips', 'GET', '/public/titles/{titleId}/clips/saved'],
      ['uploadClipBlock', 'PUT', '/uploads/{scid}/{gameClipId}'],
      ['uploadThumbnail', 'PUT', '/uploads/{scid}/{gameClipId}/thumbnails/{thumbnailSize}'],
      ['downloadClip', 'GET', '/downloads/{clipScid}/{gameClipId}'],
      ['downloadThumbnail', 'GET', '/downloads/{clipScid}/{gameClipId}/thumbnails/{thumbnailSize}'],
    ]);
  });

  it('says which operations take a body: the metadata update, the reservation and the uploads', () => {
    expect(contractOperations.filter((op) => op.hasBody).map((op) => op.operationId)).toEqual([
      'updateClipMetadata',
      'reserveUpload',
      'uploadClipBlock',
      'uploadThumbnail',
    ]);
  });

  it('holds the declared statuses of each operation, as the YAML lists them', () => {
    for (const op of contractOperations) {
      const declared = Object.keys(contractDocument.paths[op.path][op.method.toLowerCase()].responses);
      expect(op.statuses, op.operationId).toEqual(declared);
    }
    const byId = new Map(contractOperations.map((op) => [op.operationId, op]));
    expect(byId.get('getClip')!.statuses).toContain('404');
    expect(byId.get('updateClipMetadata')!.statuses).toEqual(expect.arrayContaining(['200', '412', '413', '415']));
    expect(byId.get('getClip')!.statuses).not.toContain('415');
  });

  it('resolves each response and its headers', () => {
    const getClip = contractOperations.find((op) => op.operationId === 'getClip')!;
    const ok = getClip.responses['200']!;
    expect(ok.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/GetClipResponse' });
    expect(ok.headers.ETag?.schema?.type).toBe('string');
    const notFound = getClip.responses['404']!;
    expect(notFound.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ServiceErrorResponse' });
    expect(Object.keys(notFound.headers)).toEqual(expect.arrayContaining(['X-RequestedServiceVersion', 'Cache-Control', 'Vary']));
    for (const response of Object.values(getClip.responses)) expect(response.$ref).toBeUndefined();
  });

  it('resolves the parameters: every path parameter and the declared request headers', () => {
    const rate = contractOperations.find((op) => op.operationId === 'rateClip')!;
    expect(rate.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(['ownerId', 'scid', 'gameClipId', 'ratingValue']);
    for (const parameter of rate.parameters) expect(parameter.$ref).toBeUndefined();
    expect(rate.requestHeaders).toContain('X-RequestedServiceVersion');
    expect(rate.requestHeaders).toContain('If-Match');
    const get = contractOperations.find((op) => op.operationId === 'getClip')!;
    expect(get.requestHeaders).not.toContain('If-Match');
  });
});

describe('findOperation', () => {
  const clip = '/users/me/scids/0a1b/clips/c-000';

  it('matches concrete paths, with or without a trailing slash', () => {
    expect(findOperation('GET', clip)?.operationId).toBe('getClip');
    expect(findOperation('POST', clip)?.operationId).toBe('updateClipMetadata');
    expect(findOperation('POST', `${clip}/ratings/4`)?.operationId).toBe('rateClip');
    expect(findOperation('POST', `${clip}/views/`)?.operationId).toBe('recordClipView');
    expect(findOperation('post', `${clip}/flag`)?.operationId).toBe('flagClip');
    expect(findOperation('DELETE', clip)?.operationId).toBe('deleteClip');
    expect(findOperation('GET', '/users/me/scids/0a1b/clips')?.operationId).toBe('listUserScidClips');
  });

  it('prefers a concrete path to a templated one', () => {
    expect(findOperation('GET', '/users/me/scids/0a1b/clips/saved')?.operationId).toBe('listUserScidSavedClips');
    expect(findOperation('GET', '/users/me/scids/0a1b/clips/saved-000')?.operationId).toBe('getClip');
  });

  it('matches nothing for another method, a missing or an extra segment', () => {
    expect(findOperation('PUT', clip)).toBeUndefined();
    expect(findOperation('GET', `${clip}/views`)).toBeUndefined();
    expect(findOperation('GET', '/users/me/scids/0a1b')).toBeUndefined();
    expect(findOperation('POST', `${clip}/ratings/4/5`)).toBeUndefined();
    expect(findOperation('GET', '/users/me/scids//clips/c')).toBeUndefined();
  });
});

describe('operationTable of any document', () => {
  const document = {
    paths: {
      '/v1.0/items/{id}': {
        parameters: [{ $ref: '#/components/parameters/Id' }, { name: 'X-Trace', in: 'header' }],
        put: {
          operationId: 'putItem',
          parameters: [{ name: 'X-Trace', in: 'header', required: true }],
          requestBody: { content: { 'application/json': {} } },
          responses: { '204': { description: 'stored' }, default: { $ref: '#/components/responses/Error' } },
        },
        get: { operationId: 'getItem', responses: { '200': { description: 'the item' } } },
        summary: 'not an operation',
      },
    },
    components: {
      parameters: { Id: { name: 'id', in: 'path', required: true } },
      headers: { Retry: { schema: { type: 'integer' } } },
      responses: { Error: { description: 'an error', headers: { 'Retry-After': { $ref: '#/components/headers/Retry' } } } },
    },
  };
  const [get, put] = operationTable(document);

  it('walks the methods of a path item in the specification order, skipping its other members', () => {
    expect(operationTable(document).map((op) => op.operationId)).toEqual(['getItem', 'putItem']);
    expect(get!.operation).toBe(document.paths['/v1.0/items/{id}'].get);
  });

  it("merges the path item's parameters with the operation's, the operation's winning", () => {
    expect(put!.parameters).toEqual([
      { name: 'id', in: 'path', required: true },
      { name: 'X-Trace', in: 'header', required: true },
    ]);
    expect(get!.requestHeaders).toEqual(['X-Trace']);
  });

  it('resolves referenced responses and their referenced headers', () => {
    expect(put!.statuses).toEqual(['204', 'default']);
    expect(put!.responses.default).toEqual({ description: 'an error', headers: { 'Retry-After': { schema: { type: 'integer' } } } });
    expect(put!.hasBody).toBe(true);
    expect(get!.hasBody).toBe(false);
  });

  it('reads the literal parts of a template literally', () => {
    expect(matchOperation([get!], 'GET', '/v1.0/items/7')).toBe(get);
    expect(matchOperation([get!], 'GET', '/v1x0/items/7')).toBeUndefined();
  });

  it('gives an empty table for a document without paths', () => {
    expect(operationTable({ openapi: '3.1.0' })).toEqual([]);
  });
});
