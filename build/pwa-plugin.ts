/**
 * Vite plugin: writes the service worker (sw.js) into a production build.
 *
 * After the bundle and the public folder are written, it lists the output
 * folder, picks what to precache (src/pwa/precache-selection.ts), hashes each
 * precached file into a revision, bundles src/pwa/service-worker.ts into one
 * classic script (a module service worker is not available in every browser),
 * and writes sw.js as `self.__VIVIFY_PRECACHE__ = {version, entries}` followed
 * by that script. Listing the real output, rather than the bundle object,
 * also catches worker chunks and the wasm they import, which Vite emits from
 * separate builds.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { build, type Plugin, type ResolvedConfig } from 'vite';
import { parseManifest } from '../src/runtime/model-manifest.ts';
import { sha256Hex } from '../src/runtime/sha256.ts';
import { precachedModelFiles } from '../src/pwa/offline-models.ts';
import { MANIFEST_GLOBAL, revisionOf, type PrecacheManifest } from '../src/pwa/precache-manifest.ts';
import { precacheVersion, selectPrecache, type BuiltFile } from '../src/pwa/precache-selection.ts';

export interface PwaPluginOptions {
  /** Model ids to precache; default: the ones photo analysis loads, plus the self-test model. */
  precacheModelIds?: readonly string[];
}

const WORKER_FILE = 'sw.js';
const MODELS_DIR = 'models/';

export function vivifyPwa(options: PwaPluginOptions = {}): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'vivify:pwa',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    writeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const outDir = resolve(config.root, config.build.outDir);
        const modelManifest = parseManifest(JSON.parse(readFileSync(resolve(config.root, 'models/manifest.json'), 'utf8')));
        const { precache, deferred } = selectPrecache(listFiles(outDir), {
          modelsDir: MODELS_DIR,
          precacheModels: precachedModelFiles(modelManifest, options.precacheModelIds),
          workerFile: WORKER_FILE,
        });
        const entries = [];
        for (const f of precache) entries.push({ url: f.path, rev: await revisionOf(readFileSync(join(outDir, f.path))), bytes: f.bytes });
        const code = await bundleClassicScript(config.root, 'src/pwa/service-worker.ts');
        const manifest: PrecacheManifest = { version: await precacheVersion(entries, code, (t) => sha256Hex(new TextEncoder().encode(t))), entries };
        writeFileSync(join(outDir, WORKER_FILE), `self.${MANIFEST_GLOBAL}=${JSON.stringify(manifest)};\n${code}`);
        const mb = (files: { bytes: number }[]) => (files.reduce((a, f) => a + f.bytes, 0) / 1e6).toFixed(1);
        config.logger.info(
          `offline: ${WORKER_FILE} ${manifest.version} precaches ${entries.length} files (${mb(entries)} MB); ${deferred.length} files (${mb(deferred)} MB) are cached on first use`,
        );
      },
    },
  };
}

/** Every file under `dir`, relative and with forward slashes. */
export function listFiles(dir: string): BuiltFile[] {
  const out: BuiltFile[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push({ path: relative(dir, p).split(sep).join('/'), bytes: statSync(p).size });
    }
  };
  walk(dir);
  return out;
}

/**
 * A module and its imports as one minified classic script, built without
 * touching the app's output: the service worker, and (for the browser test)
 * the registration module, whose exports then land on `globalName`.
 */
export async function bundleClassicScript(root: string, entry: string, globalName = 'vivifyServiceWorker'): Promise<string> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      emptyOutDir: false,
      copyPublicDir: false,
      minify: true,
      sourcemap: false,
      target: 'es2022',
      lib: { entry: resolve(root, entry), formats: ['iife'], name: globalName, fileName: () => WORKER_FILE },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const o of outputs) {
    if (!('output' in o)) continue;
    for (const chunk of o.output) if (chunk.type === 'chunk' && chunk.isEntry) return chunk.code;
  }
  throw new Error(`offline: bundling ${entry} produced no script`);
}
