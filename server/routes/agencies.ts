import type { AppDeps } from '../deps.js';
import { json, type Api } from '../http/api.js';
import { rejectPagingWithId } from '../http/validate.js';
import { z } from '../openapi/zod.js';
import { findAgencies, getAgency } from '../queries/agencies.js';
import { AgenciesQuery, AgencyDetail, AgencyPage } from '../../api-schema/agencies.js';

export function agencyRoutes(api: Api, { db }: AppDeps): void {
  api.add({
    method: 'get',
    path: '/api/agencies',
    tags: ['agencies'],
    summary: 'List agencies, or get one with ?id= and the tasks it leads and coordinates',
    query: AgenciesQuery,
    notFound: true,
    responses: { 200: json(z.union([AgencyPage, AgencyDetail]), 'AgencyPage without id, AgencyDetail with id') },
    handle: ({ query, req }) => {
      const { id, province, collective, q, limit, offset } = query;
      if (id !== undefined) {
        rejectPagingWithId(req.query, 'agency');
        return getAgency(db, id);
      }
      return findAgencies(db, { province, collective, q }, { limit, offset });
    },
  });
}
