import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { ownAssetsCsp } from '../../web/csp.js';
import { buildOpenApiDocument } from './document.js';

/** Where the reference page and the document are served. */
export const OPENAPI_PATHS = { document: '/openapi.json', reference: '/api/docs' } as const;

const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));
/** Scalar's standalone bundle, from the installed package (it renders the reference in the browser). */
const SCALAR_BUNDLE = join(dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser', 'standalone.js');

/** The page's CSP: only this server's assets; Scalar's components add their styles at run time. */
const REFERENCE_CSP = ownAssetsCsp({ styleSrc: "'unsafe-inline'", imgSrc: 'blob:', fontSrc: 'data:' });

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Together Calendar API reference</title>
</head>
<body>
<div id="reference"></div>
<script src="${OPENAPI_PATHS.reference}/assets/scalar.js"></script>
<script src="${OPENAPI_PATHS.reference}/assets/reference.js"></script>
</body>
</html>
`;

/**
 * GET /openapi.json (the OpenAPI 3.1 document, built once from the routes' descriptions) and
 * GET /api/docs, the rendered reference (Scalar, served from here: it works offline).
 */
export function openApiRouter(): Router {
  const router = Router();
  let document: string | undefined;
  router.get(OPENAPI_PATHS.document, (_req, res) => {
    document ??= JSON.stringify(buildOpenApiDocument());
    res.type('application/json').send(document);
  });
  router.get(OPENAPI_PATHS.reference, (_req, res) => {
    res.setHeader('Content-Security-Policy', REFERENCE_CSP);
    res.type('html').send(PAGE);
  });
  router.get(`${OPENAPI_PATHS.reference}/assets/scalar.js`, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.sendFile(SCALAR_BUNDLE);
  });
  router.use(`${OPENAPI_PATHS.reference}/assets`, express.static(STATIC_DIR, { index: false, fallthrough: false, maxAge: '1h' }));
  return router;
}
