/**
 * Regenerates every convertible MediaPipe model from the pinned @mediapipe/*
 * packages into ONNX files: an fp32 file and an fp16-weights variant each.
 * Deterministic: the same packages give byte-identical files and sha256s.
 *
 * Called by scripts/prepare-assets.ts (`npm run models`):
 *   const entries = await buildModels({ outDir: 'public/models' });
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { convertTflite } from './converter/tflite-to-onnx.ts';
import { readMediapipeAsset } from './converter/mediapipe-assets.ts';
import { MEDIAPIPE_MODELS, type MediapipeModel } from './converter/mediapipe-models.ts';
import { encodeModel, type GraphSpec, type OnnxDataType } from './onnx/onnx-builder.ts';
import { withFp16Weights } from './onnx/fp16-weights.ts';

export interface TensorInfo {
  name: string;
  shape: number[];
  type: OnnxDataType;
}

export interface ManifestEntry {
  id: string;
  /** File name inside outDir. */
  file: string;
  bytes: number;
  sha256: string;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  licence: 'Apache-2.0';
  source: string;
  /** 'fp32', or 'fp16' for fp16 weights with fp32 compute. */
  precision: 'fp32' | 'fp16';
  /** For the fp16 variant: the id of the fp32 model it was derived from. */
  variantOf?: string;
  /** Float input range the model expects, e.g. [0, 1]; rank-4 tensors are NCHW. */
  inputRange: [number, number];
}

export interface BuildModelsOptions {
  /** Where the .onnx files go, e.g. 'public/models'. */
  outDir: string;
  /** Where @mediapipe/* is installed; defaults to ./node_modules. */
  nodeModules?: string;
  /** Only these model ids (default: all convertible ones). */
  only?: readonly string[];
  /** Skip writing a file whose bytes already match (keeps mtimes stable for dev servers). */
  skipUnchanged?: boolean;
  log?: (line: string) => void;
}

/** The opset whose operator definitions the converter emits (ReduceMean axes as attribute, HardSwish). */
export const CONVERTER_OPSET = 17;

/** Converts one model to its ONNX graph; shared with the conversion tests. */
export function convertMediapipeModel(model: MediapipeModel, nodeModules = 'node_modules'): GraphSpec {
  return convertTflite(readMediapipeAsset(nodeModules, model.pkg, `${model.id}.tflite`), model.id);
}

export function encodeVariant(graph: GraphSpec, precision: 'fp32' | 'fp16', source: string): Uint8Array {
  return encodeModel(precision === 'fp16' ? withFp16Weights(graph) : graph, {
    opset: CONVERTER_OPSET,
    producerName: 'vivify-tflite-converter',
    producerVersion: '1',
    metadata: { source, licence: 'Apache-2.0', precision },
  });
}

export async function buildModels(opts: BuildModelsOptions): Promise<ManifestEntry[]> {
  const nodeModules = opts.nodeModules ?? 'node_modules';
  const log = opts.log ?? (() => {});
  await mkdir(opts.outDir, { recursive: true });
  const entries: ManifestEntry[] = [];
  for (const model of MEDIAPIPE_MODELS) {
    if (opts.only && !opts.only.includes(model.id)) continue;
    if (model.unsupported) {
      log(`${model.id}: skipped (${model.unsupported})`);
      continue;
    }
    const version = await packageVersion(nodeModules, model.pkg);
    const source = `npm:@mediapipe/${model.pkg}@${version}/${model.id}.tflite`;
    const graph = convertMediapipeModel(model, nodeModules);
    for (const precision of ['fp32', 'fp16'] as const) {
      const bytes = encodeVariant(graph, precision, source);
      const file = precision === 'fp32' ? `${model.id}.onnx` : `${model.id}.fp16.onnx`;
      const path = join(opts.outDir, file);
      if (!(opts.skipUnchanged && (await sameBytes(path, bytes)))) await writeFile(path, bytes);
      entries.push({
        id: precision === 'fp32' ? model.id : `${model.id}.fp16`,
        file,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        inputs: graph.inputs.map(info),
        outputs: graph.outputs.map(info),
        licence: 'Apache-2.0',
        source,
        precision,
        ...(precision === 'fp16' ? { variantOf: model.id } : {}),
        inputRange: [model.inputRange[0], model.inputRange[1]],
      });
      log(`${file}: ${(bytes.length / 1e6).toFixed(1)} MB`);
    }
  }
  return entries;
}

function info(v: GraphSpec['inputs'][number]): TensorInfo {
  return { name: v.name, type: v.type, shape: v.shape.map(Number) };
}

async function packageVersion(nodeModules: string, pkg: string): Promise<string> {
  const json = JSON.parse(await readFile(join(nodeModules, '@mediapipe', pkg, 'package.json'), 'utf8')) as { version: string };
  return json.version;
}

async function sameBytes(path: string, bytes: Uint8Array): Promise<boolean> {
  try {
    const old = await readFile(path);
    return old.length === bytes.length && Buffer.compare(old, bytes) === 0;
  } catch {
    return false;
  }
}
