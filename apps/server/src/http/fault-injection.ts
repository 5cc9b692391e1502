import type { RequestHandler } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServiceError } from '../errors/service-error.js';
import { routedOperation } from './routed-operation.js';

/** Faults to inject, so a client's retry and timeout logic can be tested for real. */
export interface FaultOptions {
  /** Share of API requests answered with `status` (0..1). Deterministic: 0.5 fails every second request. */
  rate?: number;
  /** 503 (default) or 429. */
  status?: 503 | 429;
  /** The `Retry-After` seconds sent with an injected fault; 1 by default. */
  retryAfterSeconds?: number;
  /** Delay added before every API request is handled, in milliseconds. */
  latencyMs?: number;
}

/** Decides, request by request, which ones fail; settings can change while serving. */
export class FaultInjector {
  #options: Required<FaultOptions> = { rate: 0, status: 503, retryAfterSeconds: 1, latencyMs: 0 };
  #debt = 0;

  constructor(options: FaultOptions = {}) {
    this.set(options);
  }

  /** Replaces the settings (unset members take their defaults). */
  set(options: FaultOptions): void {
    const rate = options.rate ?? 0;
    if (!(rate >= 0 && rate <= 1)) throw new RangeError('The fault rate must be between 0 and 1');
    this.#options = {
      rate,
      status: options.status ?? 503,
      retryAfterSeconds: options.retryAfterSeconds ?? 1,
      latencyMs: Math.max(0, options.latencyMs ?? 0),
    };
    this.#debt = 0;
  }

  /** The current settings. */
  get options(): Readonly<Required<FaultOptions>> {
    return this.#options;
  }

  /** Whether the next request fails: the share of failures tracks `rate` exactly. */
  nextFails(): boolean {
    this.#debt += this.#options.rate;
    if (this.#debt < 1 - 1e-9) return false;
    this.#debt -= 1;
    return true;
  }

  /** The middleware: applies to requests for an operation of the contract. */
  readonly middleware: RequestHandler = (req, _res, next) => {
    // Without faults (the usual case), no promise per request.
    if (!routedOperation(req) || (this.#options.rate === 0 && this.#options.latencyMs === 0)) return next();
    return this.#inject(next);
  };

  async #inject(next: () => void): Promise<void> {
    const { latencyMs, status, retryAfterSeconds } = this.#options;
    if (latencyMs > 0) await sleep(latencyMs);
    if (this.nextFails()) {
      const code = status === 429 ? 'TooManyRequests' : 'ServiceUnavailable';
      throw new ServiceError(code, `Injected fault: retry after ${retryAfterSeconds} seconds`, {
        headers: { 'Retry-After': String(retryAfterSeconds) },
      });
    }
    next();
  }
}
