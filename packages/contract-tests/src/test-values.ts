/** Values the cases send that no demo data matches. */

/** A scid that is not the caller's. */
export const OTHER_SCID = '11111111-2222-4333-8444-555555555555';

/** A clip id of the right pattern that no clip has. */
export const UNKNOWN_CLIP = '99999999-9999-4999-8999-999999999999';

/** A token signed with another key than the server's (bare, as the client takes it). */
export const FOREIGN_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ4dWlkIjoiMSJ9.c2lnbmF0dXJl';

/** The same token as an `Authorization` value. */
export const FOREIGN_AUTHORIZATION = `XBL3.0 x=1;${FOREIGN_TOKEN}`;
