import { SqliteStore } from '../../src/store/sqlite-store.js';
import { describeClipStore } from './store-contract.js';

describeClipStore('sqlite', async () => new SqliteStore(':memory:'));
