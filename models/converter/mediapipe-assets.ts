/**
 * Finds MediaPipe's model files inside the pinned @mediapipe/* npm packages.
 * Some ship as plain .tflite files; others are packed into one
 * `*_packed_assets.data` blob whose byte ranges are listed in the Emscripten
 * loader script next to it, as the argument of a `loadPackage({...})` call.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface PackedFile {
  /** File name without the build-tree directories, e.g. face_landmark.tflite. */
  name: string;
  start: number;
  end: number;
}

/** Parses the file table out of an Emscripten file-packager loader script. */
export function parsePackedAssetsLoader(loaderSource: string): PackedFile[] {
  const call = loaderSource.lastIndexOf('loadPackage(');
  if (call < 0) throw new Error('no loadPackage(...) call in the packed-assets loader');
  const open = loaderSource.indexOf('{', call);
  const close = matchingBrace(loaderSource, open);
  // The argument is a JSON object literal written by the packager (double quotes, no trailing commas).
  const meta = JSON.parse(loaderSource.slice(open, close + 1)) as { files: { filename: string; start: number; end: number }[] };
  return meta.files.map((f) => ({ name: basename(f.filename), start: f.start, end: f.end }));
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new Error('unbalanced braces in loadPackage(...) metadata');
}

/** Every asset of one package, plain and packed, by file name. */
export function listPackageAssets(packageDir: string): Map<string, () => Uint8Array> {
  const assets = new Map<string, () => Uint8Array>();
  for (const file of readdirSync(packageDir).sort()) {
    const path = join(packageDir, file);
    if (file.endsWith('.tflite') || file.endsWith('.binarypb') || file.endsWith('.txt')) {
      assets.set(file, () => new Uint8Array(readFileSync(path)));
    }
    if (file.endsWith('_packed_assets_loader.js')) {
      const dataPath = path.replace(/_loader\.js$/, '.data');
      if (!existsSync(dataPath)) continue;
      for (const f of parsePackedAssetsLoader(readFileSync(path, 'utf8'))) {
        assets.set(f.name, () => new Uint8Array(readFileSync(dataPath).subarray(f.start, f.end)));
      }
    }
  }
  return assets;
}

/** Reads one asset, e.g. readMediapipeAsset('node_modules', 'face_mesh', 'face_landmark.tflite'). */
export function readMediapipeAsset(nodeModules: string, pkg: string, name: string): Uint8Array {
  const read = listPackageAssets(join(nodeModules, '@mediapipe', pkg)).get(name);
  if (!read) throw new Error(`@mediapipe/${pkg} has no asset ${name}; was the pinned version changed?`);
  return read();
}
