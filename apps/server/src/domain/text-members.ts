import { ServiceError } from '../errors/service-error.js';

/** Most UTF-8 bytes `titleData` may hold. */
const TITLE_DATA_MAX_BYTES = 10 * 1024;

/**
 * A lone UTF-16 surrogate (valid in JSON as `"\ud800"`). It is not text, and SQLite would store
 * it as three U+FFFD, growing a caption past its maxLength so that every later read failed.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The rules of a clip's text members that a schema cannot say: well-formed Unicode, and `titleData` within 10 KB of UTF-8. */
export function checkTextMembers(members: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(members)) {
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) throw new ServiceError('InvalidRequest', `${name} is not well-formed Unicode`);
  }
  const { titleData } = members;
  if (typeof titleData === 'string' && Buffer.byteLength(titleData, 'utf8') > TITLE_DATA_MAX_BYTES) {
    throw new ServiceError('TitleDataTooLarge');
  }
}
