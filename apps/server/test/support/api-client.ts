import type { GameClip } from '@gameclips/types';
import { startServer, type RunningServer, type StartServerOptions } from '../../src/index.js';

/** A caller of the API: who they are and the Authorization value for it. */
export interface TestCaller {
  xuid: string;
  authorization: string;
}

/** A response, read whole. */
export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** Sends one request and reads the whole response. */
export async function send(url: string, init: RequestInit = {}): Promise<TestResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A started server with helpers for the API's paths and callers. */
export class TestApi {
  readonly server: RunningServer;

  constructor(server: RunningServer) {
    this.server = server;
  }

  static async start(options: StartServerOptions = {}): Promise<TestApi> {
    return new TestApi(await startServer({ seed: 'demo', ...options }));
  }

  get demo() {
    return this.server.demo;
  }

  /** A token for a user of the demo scid. */
  async caller(xuid: string, claims: { titleId?: number; scid?: string } = {}): Promise<TestCaller> {
    const authorization = await this.server.mintToken({
      xuid,
      scid: claims.scid ?? this.demo.scid,
      ...(claims.titleId === undefined ? { titleId: this.demo.titleId } : { titleId: claims.titleId }),
    });
    return { xuid, authorization };
  }

  /** The URL of a clip, or of one of its sub-resources. */
  clipUrl(gameClipId: string, options: { ownerId?: string; scid?: string; suffix?: string } = {}): string {
    const { ownerId = 'me', scid = this.demo.scid, suffix = '' } = options;
    return `${this.server.url}/users/${ownerId}/scids/${scid}/clips/${gameClipId}${suffix}`;
  }

  /** The standard headers of a request by a caller. */
  headers(caller: TestCaller | undefined, extra: Record<string, string> = {}): Record<string, string> {
    return {
      'X-RequestedServiceVersion': '1',
      ...(caller ? { Authorization: caller.authorization } : {}),
      ...extra,
    };
  }

  /** POSTs a JSON body. */
  postJson(url: string, caller: TestCaller | undefined, body: unknown, extra: Record<string, string> = {}): Promise<TestResponse> {
    return send(url, {
      method: 'POST',
      headers: this.headers(caller, { 'Content-Type': 'application/json', ...extra }),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  /** POSTs with no body. */
  post(url: string, caller: TestCaller | undefined, extra: Record<string, string> = {}): Promise<TestResponse> {
    return send(url, { method: 'POST', headers: this.headers(caller, extra) });
  }

  /** Sends a request with no body and any method. */
  send(url: string, method: string, caller: TestCaller | undefined, extra: Record<string, string> = {}): Promise<TestResponse> {
    return send(url, { method, headers: this.headers(caller, extra) });
  }

  /** GETs a URL. */
  get(url: string, caller: TestCaller | undefined, extra: Record<string, string> = {}): Promise<TestResponse> {
    return send(url, { headers: this.headers(caller, extra) });
  }

  /** Reads a clip as its owner, straight from the store (no HTTP, no rules). */
  async stored(gameClipId: string): Promise<GameClip> {
    const stored = await this.server.store.getClip({ scid: this.demo.scid, gameClipId });
    if (!stored) throw new Error(`no clip ${gameClipId}`);
    return stored.clip;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

/** Asserts the shape of an error response and returns its errorCode. */
export function errorCodeOf(response: TestResponse): number | null {
  const body = response.json;
  if (!body || typeof body !== 'object' || Object.keys(body).sort().join() !== 'errorCode,errorMessage') {
    throw new Error(`not a ServiceErrorResponse (${response.status}): ${response.text.slice(0, 200)}`);
  }
  if (typeof body.errorMessage !== 'string') throw new Error('errorMessage is not a string');
  return body.errorCode;
}
