/**
 * A Vite dev server for a stand-alone test page (a harness with its own
 * config), on a free loopback port; for specs that need a page the studio
 * build does not have.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type ViteDevServer } from 'vite';

export interface HarnessServer {
  origin: string;
  close(): Promise<void>;
}

export async function startHarness(configFile: string, cacheDir: string): Promise<HarnessServer> {
  const server: ViteDevServer = await createServer({
    configFile,
    cacheDir,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  return { origin: `http://127.0.0.1:${(server.httpServer!.address() as AddressInfo).port}`, close: () => server.close() };
}
