/**
 * Builds the timeline harness page alone, for looking at the timeline and for
 * tests/e2e/timeline.spec.ts:
 *   npx vite build --config src/studio/timeline/harness/vite.config.ts --outDir /tmp/dist-timeline
 * then serve that folder the usual way (VIVIFY_E2E_DIST=/tmp/dist-timeline).
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // The repository's svelte.config.js (TypeScript preprocessing, runes) is found from the repository root.
  plugins: [svelte({ configFile: fileURLToPath(new URL('../../../../svelte.config.js', import.meta.url)) })],
  build: { target: 'es2022', emptyOutDir: true },
});
