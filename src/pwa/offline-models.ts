/**
 * The models precached for offline use: the ones photo analysis loads by
 * default (model-specs.ts names exactly those, fp32) and the engine self-test's
 * tiny model. Derived, not listed, so a new default model is precached
 * without anyone remembering to add it here.
 */
import { ALL_MODEL_SPECS } from '../analyse/model-specs.ts';
import { findModel, type ModelManifest } from '../runtime/model-manifest.ts';
import { SELF_TEST_MODEL } from '../studio/engine-self-test.ts';

export const PRECACHED_MODEL_IDS: readonly string[] = [SELF_TEST_MODEL, ...new Set(ALL_MODEL_SPECS.map((s) => s.id))];

/** Their files, relative to the models folder; throws (ModelNotFoundError) for an id the manifest lacks. */
export function precachedModelFiles(manifest: ModelManifest, ids: readonly string[] = PRECACHED_MODEL_IDS): string[] {
  return ids.map((id) => findModel(manifest, id).file);
}
