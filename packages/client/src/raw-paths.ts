import type { paths } from '@gameclips/types';

type Version = 'X-RequestedServiceVersion';
type Flatten<T> = { [K in keyof T]: T[K] };
type HasRequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T] extends never ? false : true;

/** Header parameters with `X-RequestedServiceVersion` optional. */
type VersionOptional<H> = Flatten<Omit<H, Version> & Partial<Pick<H, Version & keyof H>>>;

/** An operation's parameters whose `header` is optional once nothing in it is required. */
type RawParameters<P> = P extends { header: infer H }
  ? Flatten<
      Omit<P, 'header'> &
        (HasRequiredKeys<VersionOptional<H>> extends true ? { header: VersionOptional<H> } : { header?: VersionOptional<H> })
    >
  : P;

type RawOperation<O> = O extends { parameters: infer P } ? Flatten<Omit<O, 'parameters'> & { parameters: RawParameters<P> }> : O;

/**
 * The contract's `paths` as `client.raw` takes them: `X-RequestedServiceVersion` is optional,
 * since the client's middleware sends it on every request; everything else is as generated.
 * (The contract itself now leaves it optional too, as a request may name its version in
 * `x-xbl-contract-version` instead; this keeps `raw` right should that change.)
 */
export type RawPaths = { [Path in keyof paths]: { [Method in keyof paths[Path]]: RawOperation<paths[Path][Method]> } };
