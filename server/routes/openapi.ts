import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import type { RequestHandler } from 'express';
import { REPO_ROOT } from '../../core/paths.js';
import type { Api } from '../http/api.js';

const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const DESCRIPTION = `Vietnamese public-policy documents as a lineage graph (Neo4j): documents, their directive items
and tasks, the agencies leading and coordinating them, and who implements what.

**Ids** are readable paths (\`vn/tw/kl/69/2024\`, \`vn/tw/kl/69/2024#4.1\`, \`vn/binh-thuan/agency/so-tai-chinh\`) that
contain \`/\` and \`#\`, so an id never appears in a URL path: it is always the \`id\` query parameter (or \`documentId\`,
\`directiveId\`), URL-encoded (\`encodeURIComponent\`). A collection path with \`?id=\` addresses one member:
\`GET /api/documents?id=…\`, \`GET /api/agencies?id=…\`, \`GET /api/items?id=…\`, \`GET /api/tasks?id=…\`,
\`DELETE /api/documents?id=…\`.

**Errors** are JSON \`{ error, issues? }\`: 400 names each invalid parameter (unknown parameters are refused too),
404 an unknown id, 413 an upload over MAX_UPLOAD_BYTES, 422 a document the ingest refuses (with the reason),
503 with \`Retry-After\` while the database or the search index is unavailable.`;

/** /openapi.json, generated from the same zod schemas the routes validate with. */
export function openapiHandler(api: Api): RequestHandler {
  let doc: unknown;
  return (_req, res) => {
    doc ??= new OpenApiGeneratorV3(api.registry.definitions).generateDocument({
      openapi: '3.0.3',
      info: { title: 'Policy-lineage graph API', version, description: DESCRIPTION },
      servers: [{ url: '/' }],
    });
    res.json(doc);
  };
}
