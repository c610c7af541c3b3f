/**
 * One Cache Storage cache per build, named after the build's version. A new
 * deploy installs into a fresh cache, and activating it deletes the older
 * ones, so nothing from a previous build lingers. Caches without our prefix
 * are someone else's and are never touched.
 */
const PREFIX = 'vivify-offline-';

export function cacheNameFor(version: string): string {
  return `${PREFIX}${version}`;
}

export function isOfflineCache(name: string): boolean {
  return name.startsWith(PREFIX);
}

/** Caches of ours that belong to other builds: deleted when `version` activates. */
export function staleCaches(names: readonly string[], version: string): string[] {
  const current = cacheNameFor(version);
  return names.filter((n) => isOfflineCache(n) && n !== current);
}
