import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

const NOT_UI = /^\/(api|health|openapi\.json)(\/|$)/;

const PLACEHOLDER = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Policy-lineage graph</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem;color:#222}
code{background:#f3f3f3;padding:0 .25rem}</style></head>
<body>
<h1>Policy-lineage graph</h1>
<p>The API is running. The explorer UI has not been built yet (<code>web/dist</code> does not exist).</p>
<ul>
<li><a href="/openapi.json">/openapi.json</a> — the API description</li>
<li><a href="/health">/health</a> — the database's state</li>
<li><a href="/api/documents">/api/documents</a> — the documents in the graph</li>
<li><a href="/api/lineage?id=vn%2Ftw%2Fkl%2F69%2F2024&amp;direction=down&amp;include=documents">/api/lineage?id=vn/tw/kl/69/2024</a> — who implements Kết luận 69-KL/TW</li>
<li><a href="/api/audit/summary">/api/audit/summary</a> — the auditor's report</li>
</ul>
</body></html>
`;

/**
 * The UI, built by Vite into `webDir`: its files, and index.html for any other page the browser
 * asks for (client-side routes). Until it is built, `/` explains what is there instead. Checked on
 * each request, so a UI built while the server runs is served without a restart.
 */
export function webRoutes(webDir: string): Router {
  const router = Router();
  router.use(express.static(webDir, { index: 'index.html', fallthrough: true }));
  router.get('/{*path}', (req, res, next) => {
    if (NOT_UI.test(req.path) || !req.accepts('html')) return next();
    const index = join(webDir, 'index.html');
    if (existsSync(index)) return res.sendFile(index);
    if (req.path === '/') return res.type('html').send(PLACEHOLDER);
    next();
  });
  return router;
}
