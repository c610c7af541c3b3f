/**
 * The storage seam under the weight cache. In the browser it is IndexedDB via
 * idb-keyval; unit tests pass an in-memory store that can be made to fail the
 * way real browsers do (quota, private mode).
 */
import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';

export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export const WEIGHT_DB_NAME = 'vivify-models';
export const WEIGHT_STORE_NAME = 'weights';

export function indexedDbStore(dbName = WEIGHT_DB_NAME, storeName = WEIGHT_STORE_NAME): KeyValueStore {
  // createStore opens lazily; a browser without IndexedDB fails on first use, which the cache treats as "uncached".
  let store: UseStore | undefined;
  const s = (): UseStore => (store ??= createStore(dbName, storeName));
  return {
    get: (key) => get(key, s()),
    set: (key, value) => set(key, value, s()),
    del: (key) => del(key, s()),
    keys: async () => (await keys(s())).map(String),
  };
}

export function memoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => data.get(key),
    set: async (key, value) => void data.set(key, value),
    del: async (key) => void data.delete(key),
    keys: async () => [...data.keys()],
  };
}
