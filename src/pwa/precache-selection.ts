/**
 * Which built files are downloaded when the service worker installs, and
 * which wait until first use. Runs at build time (build/pwa-plugin.ts) on the
 * list of files in the output folder.
 *
 * Precached: everything the studio needs to open, animate and export with the
 * network cut after one visit: the page, every script, stylesheet and worker
 * chunk, ONNX Runtime's and ffmpeg's wasm (~60 MB together), the public files
 * (icons, manifest, samples), and the models photo analysis loads by default
 * plus the self-test model (~48 MB).
 *
 * Left for first use: the other model variants (fp16 copies, lite and heavy
 * pose, lite hands, landscape segmentation; ~130 MB more). Nothing loads them
 * by default, and a browser's storage quota is finite; once one is loaded it
 * is cached like any other file.
 */
import type { PrecacheEntry } from './precache-manifest.ts';

export interface BuiltFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  bytes: number;
}

export interface SelectionRules {
  /** The models folder inside the output, e.g. `models/`. */
  modelsDir: string;
  /** Model files (relative to modelsDir) to precache; every one must exist in the build. */
  precacheModels: readonly string[];
  /** The service worker script itself: never precached (the browser fetches it on its own terms). */
  workerFile: string;
}

export interface Selection {
  precache: BuiltFile[];
  /** Built files left for first use. */
  deferred: BuiltFile[];
}

export function selectPrecache(files: readonly BuiltFile[], rules: SelectionRules): Selection {
  const wantedModels = new Set(rules.precacheModels.map((f) => rules.modelsDir + f));
  const present = new Set(files.map((f) => f.path));
  const missing = [...wantedModels].filter((p) => !present.has(p));
  // A build that promises offline analysis must not quietly ship without a model.
  if (missing.length) throw new Error(`offline precache: missing from the build: ${missing.join(', ')} (run npm run models)`);

  const precache: BuiltFile[] = [];
  const deferred: BuiltFile[] = [];
  for (const f of files) {
    const name = f.path.split('/').pop() ?? '';
    if (f.path === rules.workerFile || f.path.endsWith('.map') || name.startsWith('.') || f.path.startsWith('.vite/')) continue;
    if (f.path.startsWith(rules.modelsDir) && !wantedModels.has(f.path)) {
      deferred.push(f);
      continue;
    }
    precache.push(f);
  }
  // Sorted, so the same build always gives the same sw.js byte for byte.
  const byPath = (a: BuiltFile, b: BuiltFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { precache: precache.sort(byPath), deferred: deferred.sort(byPath) };
}

/**
 * The build's version: a hash over every precached URL and revision and the
 * worker's own code, so any change to either installs a fresh cache.
 */
export async function precacheVersion(entries: readonly PrecacheEntry[], workerCode: string, hash: (text: string) => Promise<string>): Promise<string> {
  const listing = entries.map((e) => `${e.url} ${e.rev}`).join('\n');
  return (await hash(`${listing}\n--\n${workerCode}`)).slice(0, 12);
}
