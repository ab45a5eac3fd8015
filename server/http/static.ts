import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

const NOT_UI = /^\/(api|health|openapi\.json)(\/|$)/;

const PLACEHOLDER = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Phả hệ chính sách</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem;color:#222}
code{background:#f3f3f3;padding:0 .25rem}</style></head>
<body>
<h1>Phả hệ chính sách</h1>
<p>API đang chạy, nhưng giao diện chưa được dựng (chưa có <code>web/dist</code>; chạy <code>npm run build:web</code>).</p>
<ul>
<li><a href="/openapi.json">/openapi.json</a>: mô tả API</li>
<li><a href="/health">/health</a>: trạng thái cơ sở dữ liệu</li>
<li><a href="/api/documents">/api/documents</a>: các văn bản trong đồ thị</li>
<li><a href="/api/lineage?id=vn%2Ftw%2Fkl%2F69%2F2024&amp;direction=down&amp;include=documents">/api/lineage?id=vn/tw/kl/69/2024</a>: các văn bản thực hiện Kết luận 69-KL/TW</li>
<li><a href="/api/audit/summary">/api/audit/summary</a>: báo cáo kiểm tra</li>
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
