/**
 * The add-on preview over the real parts: the backend and the Google emulator in their own process
 * (e2e-world.ts), the preview in this one — the real built bundle in its worker thread — its router
 * mounted at /sidebar on a loopback server, as the sandbox Calendar page mounts it.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { startAddonPreview, type AddonPreviewHandle } from '../../../../backend/addon-preview/index.js';
import { createLogger } from '../../../../backend/logger.js';
import { startE2eWorld, type E2eWorld } from '../../support/e2e-world.js';

export interface SidebarWorld {
  readonly world: E2eWorld;
  /** http://127.0.0.1:<port>, where /sidebar is mounted. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function startSidebarWorld(options: { timeoutMs?: number } = {}): Promise<SidebarWorld> {
  const world = await startE2eWorld();
  let preview: AddonPreviewHandle | undefined;
  let server: Server | undefined;
  try {
    preview = await startAddonPreview({
      backendUrl: world.backendUrl,
      emulatorUrl: world.emulatorUrl,
      audience: world.audience,
      helpUrl: 'https://help.together.test/addon',
      logger: createLogger({ level: 'silent' }),
      timeoutMs: options.timeoutMs,
    });
    const app = express();
    app.use('/sidebar', preview.router);
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
  } catch (error) {
    await preview?.close();
    await world.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    world,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise((resolve) => server!.close(resolve));
      await preview!.close();
      await world.close();
    },
  };
}
