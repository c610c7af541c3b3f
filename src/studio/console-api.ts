/**
 * `window.vivify`: a console handle for power users and the browser tests,
 * e.g. `await vivify.models.capabilities()` or `await vivify.selfTest('wasm')`.
 * It exposes the same client the UI uses, so tests exercise the real path.
 */
import type { BackendPreference } from '../runtime/backend-choice.ts';
import { runSelfTest } from './engine-self-test.ts';
import { buildRig } from '../rig/build-rig.ts';
import { plateRig } from '../rig/plate-rig.ts';
import { encodeClient } from './encode-client.ts';
import { modelClient } from './model-client.ts';
import { motionClient } from './motion-client.ts';
import { visionClient } from './vision-client.ts';
import { renderClient } from './render-client.ts';

const consoleApi = {
  models: modelClient,
  vision: visionClient,
  encode: encodeClient,
  selfTest: (backend: BackendPreference = 'auto') => runSelfTest(modelClient, backend),
  render: renderClient,
  rigs: { plate: plateRig, build: buildRig },
  motion: motionClient,
};

export type VivifyConsoleApi = typeof consoleApi;

export function installConsoleApi(): void {
  (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify = consoleApi;
}
