import type { Response } from 'express';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { Caller } from '../domain/caller.js';
import { ServiceError } from '../errors/service-error.js';

/** What the middlewares learn about a request, kept in `res.locals`. */
export interface RequestContext {
  /** The path parameters of the operation, as sent (percent-decoded, before validation coerced any). */
  pathParams?: Readonly<Record<string, string>>;
  /** The server's token verifier, for the contract validator's security handler (shared by every server of the process). */
  verifier?: TokenVerifier;
  /** The verified caller, once the security handler has run. */
  caller?: Caller;
  /** Why authentication failed (the validator keeps only a message). */
  authFailure?: ServiceError;
  /** The error the response reports, for the request log. */
  error?: ServiceError;
  /** Whether the JSON answer has been checked against the contract (the first one is). */
  responseChecked?: boolean;
}

/** The request context of a response. */
export function contextOf(res: Response): RequestContext {
  return res.locals as RequestContext;
}

/** The path parameters of the routed operation, as sent. */
export function pathParams(res: Response): Readonly<Record<string, string>> {
  return contextOf(res).pathParams ?? {};
}

/** The verified caller of an operation; its security handler has run, so a missing one is a 401. */
export function callerOf(res: Response): Caller {
  const caller = contextOf(res).caller;
  if (!caller) throw new ServiceError('MissingToken');
  return caller;
}
