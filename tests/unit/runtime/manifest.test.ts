import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { buildTestModel, TEST_MODEL_ID } from '../../../models/tools/make-test-model.ts';
import { ModelNotFoundError } from '../../../src/contracts/errors.ts';
import { findModel, parseManifest } from '../../../src/runtime/model-manifest.ts';
import { sha256Hex } from '../../../src/runtime/sha256.ts';
import { selfTestInput } from '../../../src/studio/engine-self-test.ts';

const committed = JSON.parse(readFileSync(new URL('../../../models/manifest.json', import.meta.url), 'utf8'));

const valid = () => ({
  version: 1,
  models: [{ id: 'm', file: 'm.onnx', bytes: 10, sha256: 'f'.repeat(64), inputs: [], outputs: [], licence: 'Apache-2.0', source: 's', precision: 'fp32' }],
});

describe('parseManifest', () => {
  it('accepts the committed manifest, which lists the test model', () => {
    const m = parseManifest(committed);
    expect(findModel(m, TEST_MODEL_ID).licence).toBe('Apache-2.0');
  });

  it.each([
    ['a wrong version', (m: any) => (m.version = 2), /version/],
    ['a duplicate id', (m: any) => m.models.push({ ...m.models[0] }), /duplicate/],
    ['an absolute URL', (m: any) => (m.models[0].file = 'https://cdn.example/m.onnx'), /relative path/],
    ['a root path', (m: any) => (m.models[0].file = '/etc/m.onnx'), /relative path/],
    ['a parent path', (m: any) => (m.models[0].file = '../m.onnx'), /relative path/],
    ['a short hash', (m: any) => (m.models[0].sha256 = 'abc'), /sha256/],
    ['an uppercase hash', (m: any) => (m.models[0].sha256 = 'F'.repeat(64)), /sha256/],
    ['zero bytes', (m: any) => (m.models[0].bytes = 0), /bytes/],
    ['no licence', (m: any) => (m.models[0].licence = ''), /licence/],
  ])('rejects %s', (_, mutate, message) => {
    const m = valid();
    mutate(m);
    expect(() => parseManifest(m)).toThrow(message);
  });

  it('throws a typed error for an unknown model', () => {
    expect(() => findModel(parseManifest(valid()), 'nope')).toThrow(ModelNotFoundError);
  });
});

describe('the generated test model', () => {
  it('is byte-identical on every build, and matches the committed manifest', async () => {
    const a = buildTestModel();
    const b = buildTestModel();
    expect(a).toEqual(b);
    const entry = findModel(parseManifest(committed), TEST_MODEL_ID);
    expect(a.length).toBe(entry.bytes);
    expect(await sha256Hex(a)).toBe(entry.sha256);
  });

  it('is a valid ONNX graph that ONNX Runtime runs, with the declared shapes', async () => {
    const session = await ort.InferenceSession.create(buildTestModel());
    try {
      expect(session.inputNames).toEqual(['image']);
      expect([...session.outputNames].sort()).toEqual(['features', 'scores']);
      const out = await session.run({ image: new ort.Tensor('float32', selfTestInput(), [1, 3, 16, 16]) });
      expect(out['features']!.dims).toEqual([1, 8, 8, 8]);
      expect(out['scores']!.dims).toEqual([1, 4]);
      const scores = Array.from(out['scores']!.data as Float32Array);
      for (const s of scores) expect(s).toBeGreaterThan(0), expect(s).toBeLessThan(1);
      // Different inputs must give different scores: the weights are live, not all zero.
      const other = await session.run({ image: new ort.Tensor('float32', new Float32Array(768).fill(0.9), [1, 3, 16, 16]) });
      expect(Array.from(other['scores']!.data as Float32Array)).not.toEqual(scores);
    } finally {
      await session.release();
    }
  });
});
