import { json, type Api } from '../http/api.js';
import { rejectPagingWithId } from '../http/validate.js';
import { writeGuards } from '../http/write-guards.js';
import { DOCUMENT_CONTENT_TYPES, readDocumentBody } from '../http/raw-body.js';
import { HttpError } from '../errors.js';
import type { AppDeps } from '../deps.js';
import { findDocuments, getDocument, getProvinces } from '../queries/documents.js';
import { keptOnGraph } from '../queries/kept-answers.js';
import { uploadDocument } from '../commands/upload-document.js';
import { removeDocument } from '../commands/delete-document.js';
import { syncSearchAfterWrite } from '../../search/after-write.js';
import { z } from '../openapi/zod.js';
import {
  DeleteQuery,
  DeleteResult,
  DocumentDetail,
  DocumentPage,
  DocumentsQuery,
  Provinces,
  ProvincesQuery,
  UploadQuery,
  UploadResult,
} from '../../api-schema/documents.js';

export function documentRoutes(api: Api, deps: AppDeps): void {
  const { db, config } = deps;
  // The home page asks for the central documents and the provinces on every visit, before it can
  // draw anything; the provinces' counts read every task of the graph. Both are kept while the
  // graph stays as it was (queries/kept-answers.ts), like the lineage answers the page asks next.
  const pages = keptOnGraph<Awaited<ReturnType<typeof findDocuments>>>(db);
  const provinceLists = keptOnGraph<Awaited<ReturnType<typeof getProvinces>>>(db);
  api.add({
    method: 'get',
    path: '/api/documents',
    tags: ['documents'],
    summary: 'List documents, or get one with ?id=',
    description:
      'Without `id`: a page of documents (`{ total, items }`) filtered by province, level, type, stub and title words. ' +
      'With `id` (URL-encoded, e.g. `vn%2Ftw%2Fkl%2F69%2F2024`): that document with its issuer, items (section path, text, ' +
      'line span, timeline, lead and coordinating agencies) and its citations in and out.',
    query: DocumentsQuery,
    notFound: true,
    responses: { 200: json(z.union([DocumentPage, DocumentDetail]), 'DocumentPage without id, DocumentDetail with id') },
    handle: async ({ query, req }) => {
      if (query.id !== undefined) {
        rejectPagingWithId(req.query, 'document');
        return getDocument(db, query.id, query.includeText ?? false);
      }
      const { province, provinces, level, typeCode, stub, year, q, limit, offset } = query;
      const filters = { province, provinces, level, typeCode, stub, year, q };
      return pages.kept.get(JSON.stringify([filters, limit, offset]), () => findDocuments(pages.readDb, filters, { limit, offset }));
    },
  });

  api.add({
    method: 'get',
    path: '/api/provinces',
    tags: ['documents'],
    summary: 'Provinces with their document and task counts (values for every `province` filter), each with its 2025 unit',
    query: ProvincesQuery,
    responses: { 200: json(Provinces, 'provinces, by name') },
    handle: ({ query }) => provinceLists.kept.get(String(query.provinces), () => getProvinces(provinceLists.readDb, query.provinces)),
  });

  const writes = writeGuards(config);

  api.add({
    method: 'post',
    path: '/api/documents',
    tags: ['documents'],
    summary: 'Upload one document (text, Markdown, PDF, DOCX or HTML) and ingest it',
    description:
      `The body is the file itself (Content-Type one of ${DOCUMENT_CONTENT_TYPES.join(', ')}), at most MAX_UPLOAD_BYTES ` +
      `(${config.MAX_UPLOAD_BYTES} bytes on this server). The format is read from the bytes: UTF-8 text or Markdown, ` +
      `PDF with a text layer or scanned (read by OCR, which takes seconds a page), DOCX, HTML. Legacy encodings, other formats, ` +
      `password-protected, damaged or textless files and unparseable documents are refused with 422, the reason and a code.`,
    auth: true,
    before: writes,
    query: UploadQuery,
    body: {
      required: true,
      content: Object.fromEntries(DOCUMENT_CONTENT_TYPES.map((t) => [t, { schema: z.string().openapi({ format: 'binary' }) }])),
    },
    responses: {
      201: json(UploadResult, 'ingested (Location: the document)'),
      200: json(UploadResult, 'nothing changed: the same text was already in the graph (unchanged), or it holds a fuller text of this document (kept, with the reason)'),
      413: json(z.object({ error: z.string() }), 'over MAX_UPLOAD_BYTES'),
      415: json(z.object({ error: z.string() }), `not one of ${DOCUMENT_CONTENT_TYPES.join(', ')}`),
      422: json(
        z.object({ error: z.string(), code: z.string() }),
        'refused by the ingest, with the reason; code: encoding, binary, empty, unsupported-format, encrypted, corrupt, no-text, zip-bomb, unparseable',
      ),
    },
    handle: async ({ query, req, res }) => {
      const bytes = await readDocumentBody(req, res, config.MAX_UPLOAD_BYTES);
      const outcome = await uploadDocument(db, bytes, query.fileName, config.MAX_UPLOAD_BYTES);
      if (outcome.status === 'failed') throw new HttpError(422, outcome.error, undefined, { body: { code: 'failed' } });
      // deps.search is read now: it is attached once the index is built after start-up.
      if (outcome.status === 'ingested') await syncSearchAfterWrite(deps.search, `upload ${outcome.documentId}`, [outcome.documentId]);
      res.status(outcome.status === 'ingested' ? 201 : 200);
      res.setHeader('Location', `/api/documents?id=${encodeURIComponent(outcome.documentId)}`);
      return outcome;
    },
  });

  api.add({
    method: 'delete',
    path: '/api/documents',
    tags: ['documents'],
    summary: 'Delete a document and what only it owned',
    description: 'A document other documents still cite stays as a stub (`keptAsStub`).',
    auth: true,
    before: writes,
    query: DeleteQuery,
    notFound: true,
    responses: { 200: json(DeleteResult, 'deleted') },
    handle: async ({ query }) => {
      const summary = await removeDocument(db, query.id);
      await syncSearchAfterWrite(deps.search, `delete ${query.id}`, [query.id]);
      return summary;
    },
  });
}
