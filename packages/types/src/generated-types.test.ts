import { describe, expectTypeOf, it } from 'vitest';
import type { GameClipVisibility, OperationId, UpdateMetadataRequest, paths } from './index.js';
import { gameClipVisibilityValues } from './index.js';

describe('generated types', () => {
  it('name the five operations of the contract', () => {
    expectTypeOf<OperationId>().toEqualTypeOf<
      'getClip' | 'updateClipMetadata' | 'rateClip' | 'flagClip' | 'recordClipView'
    >();
  });

  it('type the update body from the schema', () => {
    expectTypeOf<UpdateMetadataRequest>().toEqualTypeOf<{
      userCaption?: string;
      visibility?: Exclude<GameClipVisibility, 'None'>;
      titleData?: string;
    }>();
    expectTypeOf(gameClipVisibilityValues).toEqualTypeOf<
      Readonly<('None' | 'Default' | 'Owner' | 'Title' | 'Public')[]>
    >();
  });

  it('require the version header on every route', () => {
    type Route = paths['/users/{ownerId}/scids/{scid}/clips/{gameClipId}/flag'];
    expectTypeOf<Route['post']['parameters']['header']['X-RequestedServiceVersion']>().toEqualTypeOf<string>();
  });
});
