import type { Request } from 'express';
import type { ListRequest, ListScope } from '../domain/clip-lists.js';
import { ServiceError } from '../errors/service-error.js';
import type { ListQualifier } from '../store/list-order.js';

const QUALIFIERS: ReadonlySet<string> = new Set(['created', 'rating', 'views']);
const MAX_TITLE_ID = 4294967295;

/** The query string as sent: the validator has checked it against the contract, but may have coerced values in `req.query`. */
export function queryOf(req: Request): URLSearchParams {
  const at = req.originalUrl.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : req.originalUrl.slice(at + 1));
}

function single(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) throw new ServiceError('InvalidRequest', `${name} is given more than once`);
  return values[0];
}

function integer(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new ServiceError('InvalidRequest', `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function list(query: URLSearchParams, name: string): string[] | undefined {
  const raw = single(query, name);
  return raw === undefined ? undefined : raw.split(',').map((item) => item.trim());
}

/**
 * The order qualifier: `qualifier` or the documentation's `qualifer`, which must agree when
 * both are sent. Public lists require it, and only `created`.
 */
function qualifierOf(query: URLSearchParams, scope: ListScope): ListQualifier {
  const spelled = [single(query, 'qualifier'), single(query, 'qualifer')].filter((q) => q !== undefined);
  if (spelled.length === 2 && spelled[0] !== spelled[1]) throw new ServiceError('InvalidRequest', 'qualifier and qualifer disagree');
  const qualifier = spelled[0];
  if (qualifier !== undefined && !QUALIFIERS.has(qualifier)) throw new ServiceError('InvalidRequest', 'qualifier must be created, rating or views');
  if (scope.kind === 'public' && qualifier !== 'created') {
    throw new ServiceError('InvalidRequest', 'Public lists require qualifier=created');
  }
  return (qualifier ?? 'created') as ListQualifier;
}

/** A title id from its path segment, as sent: decimal digits, at most 4294967295. */
export function titleIdOf(segment: string | undefined): number {
  const value = Number(segment);
  if (!/^[0-9]{1,10}$/.test(segment ?? '') || value > MAX_TITLE_ID) {
    throw new ServiceError('InvalidRequest', `titleId must be a decimal integer from 0 to ${MAX_TITLE_ID}`);
  }
  return value;
}

/** The list request of an HTTP request to a list operation. */
export function listRequestOf(req: Request, scope: ListScope): ListRequest {
  const query = queryOf(req);
  const order = single(query, 'order') ?? 'D';
  if (order !== 'D' && order !== 'A') throw new ServiceError('InvalidRequest', 'order must be D or A');
  const request: ListRequest = {
    scope,
    maxItems: integer(query, 'maxItems', 1, 100) ?? 25,
    qualifier: qualifierOf(query, scope),
    order,
  };
  const skipItems = integer(query, 'skipItems', 0, 10000);
  if (skipItems !== undefined) request.skipItems = skipItems;
  const continuationToken = single(query, 'continuationToken');
  if (continuationToken !== undefined) request.continuationToken = continuationToken;
  const types = list(query, 'type');
  if (types) request.types = types;
  const eventIds = list(query, 'eventId');
  if (eventIds) request.eventIds = eventIds;
  const achievementId = single(query, 'achievementId');
  if (achievementId !== undefined) request.achievementId = achievementId;
  const greatestMomentId = single(query, 'greatestMomentId');
  if (greatestMomentId !== undefined) request.greatestMomentId = greatestMomentId;
  return request;
}
