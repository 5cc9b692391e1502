import type { ThumbnailImage } from './upload-params.js';

type ImageType = 'image/png' | 'image/jpeg';

const PNG = [0x89, 0x50, 0x4e, 0x47];
const JPEG = [0xff, 0xd8, 0xff];

/**
 * The type of a thumbnail image: `given` when set, a `Blob`'s own `type` when it is PNG or
 * JPEG, otherwise read from the image's first bytes. Throws a `TypeError` for anything else.
 */
export async function imageType(image: ThumbnailImage, given: ImageType | undefined): Promise<ImageType> {
  if (given !== undefined) return given;
  if (image instanceof Blob && (image.type === 'image/png' || image.type === 'image/jpeg')) return image.type;
  const head = image instanceof Blob ? new Uint8Array(await image.slice(0, 4).arrayBuffer()) : image.subarray(0, 4);
  const startsWith = (signature: number[]) => signature.every((byte, i) => head[i] === byte);
  if (startsWith(PNG)) return 'image/png';
  if (startsWith(JPEG)) return 'image/jpeg';
  throw new TypeError('A thumbnail must be a PNG or JPEG image (or say which with `contentType`)');
}
