import { describe, expectTypeOf, it } from 'vitest';
import type { GameClip, GameClipVisibility, InitialUploadRequest, InitialUploadResponse, ListClipsResponse, OperationId, PagingInfo, UpdateMetadataRequest, paths } from './index.js';
import { gameClipVisibilityValues } from './index.js';

describe('generated types', () => {
  it('name the twenty-one operations of the contract', () => {
    expectTypeOf<OperationId>().toEqualTypeOf<
      | 'getClip'
      | 'updateClipMetadata'
      | 'deleteClip'
      | 'rateClip'
      | 'flagClip'
      | 'recordClipView'
      | 'listUserClips'
      | 'listUserSavedClips'
      | 'listUserScidClips'
      | 'listUserScidSavedClips'
      | 'listUserTitleClips'
      | 'listUserTitleSavedClips'
      | 'listPublicScidClips'
      | 'listPublicScidSavedClips'
      | 'listPublicTitleClips'
      | 'listPublicTitleSavedClips'
      | 'reserveUpload'
      | 'uploadClipBlock'
      | 'uploadThumbnail'
      | 'downloadClip'
      | 'downloadThumbnail'
    >();
  });

  it('type a reservation: fileSize required, the thumbnail URIs only with uploaded thumbnails', () => {
    expectTypeOf<InitialUploadRequest['fileSize']>().toEqualTypeOf<number>();
    expectTypeOf<InitialUploadRequest['expectedBlocks']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<InitialUploadResponse>().toEqualTypeOf<{ gameClipId: string; uploadUri: string; largeThumbnailUri?: string; smallThumbnailUri?: string }>();
  });

  it('type a page of a list', () => {
    expectTypeOf<ListClipsResponse>().toEqualTypeOf<{ gameClips: GameClip[]; pagingInfo: PagingInfo }>();
    expectTypeOf<PagingInfo>().toEqualTypeOf<{ continuationToken: string | null; totalItems?: number }>();
    expectTypeOf<GameClip['savedByUser']>().toEqualTypeOf<boolean | undefined>();
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

  it('leave both version headers optional, as a request needs one of the two', () => {
    type Headers = NonNullable<paths['/users/{ownerId}/scids/{scid}/clips/{gameClipId}/flag']['post']['parameters']['header']>;
    expectTypeOf<Headers['X-RequestedServiceVersion']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Headers['x-xbl-contract-version']>().toEqualTypeOf<string | undefined>();
  });
});
