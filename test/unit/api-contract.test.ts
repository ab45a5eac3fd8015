/**
 * An endpoint's handler is typed against its documented response schema (server/http/api.ts): a
 * body that drifts from the contract does not compile. The `@ts-expect-error` lines below are the
 * test: were the typing loosened (handle returning `unknown` again), `npm run typecheck` would fail
 * on them as unused. At run time the endpoints are registered and documented as declared.
 */
import { describe, expect, it } from 'vitest';
import { DeleteQuery, DeleteResult } from '../../api-schema/documents.js';
import { Api, json } from '../../server/http/api.js';

describe('endpoints typed against their response schema', () => {
  it('accepts a handler returning the documented body and refuses one that drifts', () => {
    const api = new Api();
    const ok = { documentId: 'vn/tw/kl/69/2024', found: true, itemsDeleted: 3, keptAsStub: false };
    api.add({
      method: 'delete',
      path: '/right',
      tags: ['t'],
      summary: 'returns a DeleteResult',
      query: DeleteQuery,
      responses: { 200: json(DeleteResult, 'deleted') },
      handle: () => ok,
    });
    api.add({
      method: 'delete',
      path: '/drifted',
      tags: ['t'],
      summary: 'returns a DeleteResult without keptAsStub and with a count as a string',
      query: DeleteQuery,
      responses: { 200: json(DeleteResult, 'deleted') },
      // @ts-expect-error: the body is not a DeleteResult
      handle: () => ({ documentId: 'x', found: true, itemsDeleted: '3' }),
    });
    api.add({
      method: 'get',
      path: '/list',
      tags: ['t'],
      summary: 'a CSV list whose JSON side drifts',
      responses: { 200: json(DeleteResult, 'deleted') },
      // @ts-expect-error: reply.list's JSON body must be the endpoint's DeleteResult too
      handle: ({ reply }) => reply.list('json', { json: { documentId: 1 }, rows: [], columns: [], name: 'x' }),
    });
    const paths = api.registry.definitions.flatMap((d) => (d.type === 'route' ? [d.route.path] : []));
    expect(paths).toEqual(['/right', '/drifted', '/list']);
  });
});
