/**
 * The four calls under load, as HTTP requests. Every one acts on the demo data's public
 * clip as its owner, so each is a 200 on the reference server, the bare baseline and Prism.
 */
export const SERVICE_VERSION = '1';

/** The update body: two members, as a game tool sends them. */
export const UPDATE_BODY = { userCaption: 'Three in one jump (benchmark)', visibility: 'Public' };

/** The scenarios, in the order they run. */
export const scenarioNames = ['update', 'view', 'rate', 'read'];

/** What each scenario calls, for the table. */
export const scenarioTitles = {
  update: 'update metadata (POST clip, JSON body)',
  view: 'record a view (POST views)',
  rate: 'rate (POST ratings/4)',
  read: 'read a clip (GET clip)',
  list: "first page of another user's clips (GET clips?maxItems=25)",
};

/**
 * The request of a scenario for a clip and an `Authorization` value; `list` asks for the first
 * page of `listOwner`'s clips (not one of the load table's scenarios: the profile runs it on
 * clips it loads, with a token of another user).
 */
export function scenarioRequest(name, { scid, gameClipId, authorization, listOwner }) {
  const clip = `/users/me/scids/${scid}/clips/${gameClipId}`;
  const headers = { Authorization: authorization, 'X-RequestedServiceVersion': SERVICE_VERSION, Accept: 'application/json' };
  switch (name) {
    case 'update':
      return {
        method: 'POST',
        path: clip,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(UPDATE_BODY),
      };
    case 'view':
      return { method: 'POST', path: `${clip}/views`, headers };
    case 'rate':
      return { method: 'POST', path: `${clip}/ratings/4`, headers };
    case 'read':
      return { method: 'GET', path: clip, headers };
    case 'list':
      return { method: 'GET', path: `/users/xuid(${listOwner})/clips?maxItems=25`, headers };
    default:
      throw new Error(`Unknown scenario ${name}`);
  }
}
