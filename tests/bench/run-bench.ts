/**
 * `npm run bench`: speed and memory per stage, printed as one table.
 *
 * Every `tests/bench/*.bench.ts` module exports `bench(ctx)`. Node-side stages
 * (motion, for example) ignore ctx; browser-side ones ask it for a page of the
 * built app, served by `vite preview` with production headers, in Debian's
 * Chromium with WebGPU on SwiftShader. Nothing here asserts: figures are for
 * people to read and compare, not pass/fail timing tests.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview, type PreviewServer } from 'vite';
import { chromiumLaunchOptions } from '../chromium.ts';
import { formatTable, type BenchRow } from './table.ts';

export interface BenchContext {
  /** A fresh page of the built app (origin storage cleared). */
  appPage(): Promise<Page>;
}

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();

  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  const ctx: BenchContext = {
    async appPage() {
      server ??= await preview({ preview: { port: 4174, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
      browser ??= await chromium.launch(chromiumLaunchOptions());
      const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4174/';
      const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
      await page.goto(url);
      return page;
    },
  };

  const rows: BenchRow[] = [];
  try {
    for (const f of files) {
      const mod = (await import(join(here, f))) as { bench: (ctx: BenchContext) => Promise<BenchRow[]> };
      process.stderr.write(`bench: ${f}…\n`);
      try {
        rows.push(...(await mod.bench(ctx)));
      } catch (e) {
        rows.push({ group: f.replace('.bench.ts', ''), name: 'FAILED', value: NaN, unit: '', note: String(e).slice(0, 120) });
      }
    }
  } finally {
    await browser?.close();
    await server?.close();
  }
  console.log(formatTable(rows));
}

await main();
