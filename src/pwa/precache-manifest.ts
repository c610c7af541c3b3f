/**
 * What a build promises to work offline: the data the Vite plugin writes into
 * sw.js and the service worker reads back. Plain data, shared by both sides.
 */
import { sha256Hex } from '../runtime/sha256.ts';

export interface PrecacheEntry {
  /** Path relative to the service worker's scope, e.g. `assets/index-CFLGi64F.js`. */
  url: string;
  /** The first hex digits of the file's sha256: a file at the same URL with other bytes is another revision. */
  rev: string;
  bytes: number;
}

export interface PrecacheManifest {
  /** Changes whenever any precached byte or the worker's own code changes; names the cache. */
  version: string;
  entries: PrecacheEntry[];
}

/**
 * 64 bits of the sha256: enough to tell revisions of one URL apart, short
 * enough that sw.js (which lists every entry) stays small.
 */
const REV_HEX_DIGITS = 16;

export async function revisionOf(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  return (await sha256Hex(bytes)).slice(0, REV_HEX_DIGITS);
}

/** The global through which sw.js hands its manifest to the bundled worker code. */
export const MANIFEST_GLOBAL = '__VIVIFY_PRECACHE__';

/** Where the service worker records which revision each cached URL holds, inside its own cache. */
export const INDEX_URL = '__vivify-offline-index.json';
