import { expect, it } from '@jest/globals';
import type { Express } from 'express';
import { ADMIN_ROUTES } from './admin-routes.js';
import { OTHER_ROUTES, OTHER_TARGETS } from './other-routes.js';
import { routeKey } from './routes.js';
import { describeFuzz } from './run.js';
import { USER_ROUTES } from './user-routes.js';

// Health, the webhook, the OAuth callback and paths nobody serves; and the check that the suite fuzzes every route there is.
describeFuzz('health, webhook, OAuth callback and unknown routes', OTHER_TARGETS, (world) => {
  it('fuzzes every route the app mounts, and no route it does not', () => {
    const fuzzed = [...ADMIN_ROUTES.map(routeKey), ...USER_ROUTES.map(routeKey), ...OTHER_ROUTES];
    expect(mountedRoutes(world().app).sort()).toEqual(fuzzed.sort());
  });
});

/** A layer of Express's router stack: a route, a router mounted at a path, or middleware. */
interface Layer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** `METHOD /full/path` of every route in the app's router stack, mounted routers walked with their mount paths. */
function mountedRoutes(app: Express): string[] {
  const walk = (stack: Layer[], prefix: string): string[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const path = `${prefix}${layer.route.path}`.replace(/(.)\/$/, '$1');
        return Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${path}`);
      }
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      return layer.handle?.stack ? walk(layer.handle.stack, prefix + mount) : [];
    });
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
}
