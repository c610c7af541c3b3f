/**
 * Model weights cached in IndexedDB, keyed by model id and sha256.
 *
 * The bytes and a small metadata record are stored under separate keys so the
 * diagnostics panel can list cached models and their sizes without reading
 * tens of megabytes back. Every read is re-hashed: IndexedDB can hand back a
 * truncated or altered entry (disk errors, a half-finished write, someone in
 * devtools), and running a damaged network gives wrong answers, not errors.
 */
import type { KeyValueStore } from './key-value-store.ts';
import { sha256Hex } from './sha256.ts';

export interface CachedModelInfo {
  id: string;
  sha256: string;
  bytes: number;
  storedAt: number;
}

export type CacheRead =
  | { kind: 'hit'; bytes: ArrayBuffer }
  | { kind: 'miss' }
  /** An entry existed but its bytes did not hash to the expected value; it has been evicted. */
  | { kind: 'corrupt'; actualSha256: string }
  /** Storage could not be read at all (no IndexedDB, private mode). */
  | { kind: 'unavailable'; reason: string };

export type CacheWrite = { kind: 'stored' } | { kind: 'quota'; reason: string } | { kind: 'unavailable'; reason: string };

const weightsKey = (id: string, sha: string) => `weights:${id}:${sha}`;
const metaKey = (id: string, sha: string) => `meta:${id}:${sha}`;

export function isQuotaError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  // Chromium and Firefox say QuotaExceededError; Safari has used code 22 and
  // Firefox NS_ERROR_DOM_QUOTA_REACHED in the past.
  return (
    e.name === 'QuotaExceededError' ||
    e.name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    (e as { code?: number }).code === 22
  );
}

function reason(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export class WeightCache {
  constructor(private readonly store: KeyValueStore) {}

  async read(id: string, sha256: string): Promise<CacheRead> {
    let value: unknown;
    try {
      value = await this.store.get(weightsKey(id, sha256));
    } catch (e) {
      return { kind: 'unavailable', reason: reason(e) };
    }
    if (value === undefined) return { kind: 'miss' };
    const bytes = toArrayBuffer(value);
    const actual = bytes ? await sha256Hex(bytes) : 'not-bytes';
    if (bytes && actual === sha256) return { kind: 'hit', bytes };
    await this.evict(id, sha256);
    return { kind: 'corrupt', actualSha256: actual };
  }

  async write(id: string, sha256: string, bytes: ArrayBuffer): Promise<CacheWrite> {
    try {
      await this.store.set(weightsKey(id, sha256), bytes);
      const info: CachedModelInfo = { id, sha256, bytes: bytes.byteLength, storedAt: Date.now() };
      await this.store.set(metaKey(id, sha256), info);
      return { kind: 'stored' };
    } catch (e) {
      // A half-written pair would show in the listing as cached; remove both halves.
      await this.evict(id, sha256).catch(() => undefined);
      return isQuotaError(e) ? { kind: 'quota', reason: reason(e) } : { kind: 'unavailable', reason: reason(e) };
    }
  }

  async evict(id: string, sha256: string): Promise<void> {
    await this.store.del(weightsKey(id, sha256));
    await this.store.del(metaKey(id, sha256));
  }

  /** Removes entries of `id` whose hash is not `keepSha256`: older builds of the same model. */
  async evictStale(id: string, keepSha256: string): Promise<string[]> {
    const stale = (await this.list()).filter((m) => m.id === id && m.sha256 !== keepSha256);
    for (const m of stale) await this.evict(m.id, m.sha256);
    return stale.map((m) => m.sha256);
  }

  async list(): Promise<CachedModelInfo[]> {
    const out: CachedModelInfo[] = [];
    for (const key of await this.store.keys()) {
      if (!key.startsWith('meta:')) continue;
      const info = (await this.store.get(key)) as CachedModelInfo | undefined;
      if (info) out.push(info);
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  async clear(): Promise<number> {
    const all = await this.store.keys();
    for (const key of all) await this.store.del(key);
    return all.filter((k) => k.startsWith('meta:')).length;
  }
}

function toArrayBuffer(value: unknown): ArrayBuffer | undefined {
  if (value instanceof ArrayBuffer) return value;
  if (ArrayBuffer.isView(value)) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer;
  return undefined;
}
