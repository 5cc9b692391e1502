/**
 * The Game Clips metadata reference server.
 *
 * @example
 * import { startServer } from '@gameclips/server';
 * const server = await startServer({ seed: 'demo' });
 * const authorization = await server.mintToken({ xuid: server.demo.ownerXuid, scid: server.demo.scid });
 * // ... call server.url ...
 * await server.close();
 */
export { startServer } from './start-server.js';
export type { RunningServer, StartServerOptions } from './start-server.js';
export { createServer } from './create-server.js';
export type { CreateServerOptions, GameClipsServer } from './create-server.js';
export type { FaultOptions } from './http/fault-injection.js';
export type { TokenClaims } from './auth/token-minter.js';
export { mintToken } from './auth/token-minter.js';
export type { ClipStore, ClipKey, StoredClip, WriteCondition, WriteOutcome } from './store/clip-store.js';
export { SqliteStore } from './store/sqlite-store.js';
export { openStore } from './store/open-store.js';
export type { StoreOptions } from './store/open-store.js';
export type { ListEpochOptions } from './store/list-epochs.js';
export { loadClips, InvalidFixturesError } from './store/load-clips.js';
export { demo, demoClips } from './store/demo-clips.js';
export { ClipService } from './domain/clip-service.js';
export type { Caller } from './domain/caller.js';
export { ServiceError } from './errors/service-error.js';
export { implementedOperations } from './http/handlers.js';
