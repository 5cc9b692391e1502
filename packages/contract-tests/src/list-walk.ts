import type { GameClip } from '@gameclips/types';

/** One page of a clip list, as the wire carries it. */
export interface ListPage {
  gameClips: GameClip[];
  pagingInfo: { continuationToken: string | null; totalItems?: number };
}

/** A list request: the route's path and its query (continuationToken is added per page). */
export interface ListRequest {
  path: string;
  query?: Record<string, string | number>;
}

/** A caller of the list routes over plain HTTP, through a (recording) fetch. */
export class ListCaller {
  readonly #baseUrl: string;
  readonly #authorization: string;
  readonly #fetch: typeof fetch;

  constructor(baseUrl: string, authorization: string, fetchImpl: typeof fetch) {
    this.#baseUrl = baseUrl;
    this.#authorization = authorization;
    this.#fetch = fetchImpl;
  }

  /** One page; throws with the status and body when the answer is not a 200. */
  async page(request: ListRequest, continuationToken?: string): Promise<ListPage> {
    const query = new URLSearchParams(Object.entries(request.query ?? {}).map(([k, v]) => [k, String(v)]));
    if (continuationToken !== undefined) query.set('continuationToken', continuationToken);
    const url = `${this.#baseUrl}${request.path}${query.size ? `?${query}` : ''}`;
    const response = await this.#fetch(url, { headers: { Authorization: this.#authorization, 'X-RequestedServiceVersion': '1' } });
    if (response.status !== 200) throw new Error(`GET ${request.path}?${query} → ${response.status} ${await response.text()}`);
    return (await response.json()) as ListPage;
  }

  /**
   * Every page of a list, from the first to the one without a continuation token; `between`
   * runs after each page but the last, with the pages so far (to change the clips while the
   * walk goes on).
   */
  async walk(request: ListRequest, between: (pages: readonly ListPage[]) => Promise<void> = async () => {}, maxPages = 1_000): Promise<ListPage[]> {
    const pages: ListPage[] = [];
    let token: string | undefined;
    do {
      const page = await this.page(request, token);
      pages.push(page);
      token = page.pagingInfo.continuationToken ?? undefined;
      if (pages.length > maxPages) throw new Error(`more than ${maxPages} pages for ${request.path}`);
      if (token !== undefined) await between(pages);
    } while (token !== undefined);
    return pages;
  }
}
