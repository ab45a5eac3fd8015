import type { RouteConfig, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from '../openapi/zod.js';
import { ErrorBody } from '../../api-schema/common.js';
import { parseInput } from './validate.js';

type Method = 'get' | 'post' | 'delete';

const NO_PARAMETERS = z.strictObject({});
type AnyQuery = z.ZodObject;

export interface Endpoint<Q extends AnyQuery> {
  method: Method;
  /** The Express path, which is also the OpenAPI path: ids never appear in paths (see server/README.md). */
  path: string;
  tags: string[];
  summary: string;
  description?: string;
  query?: Q;
  /** Documented request body (uploads). */
  body?: NonNullable<RouteConfig['request']>['body'];
  /** Middleware run before the query is validated (authentication: a 401 comes before any 400). */
  before?: RequestHandler[];
  /** Adds the 401/403 responses and the bearer security requirement to the documentation. */
  auth?: boolean;
  /** Adds a documented 404: the endpoint looks an id up. */
  notFound?: boolean;
  responses: Record<number, ResponseConfig>;
  /**
   * Returns the JSON body, or writes the response itself (CSV, GraphML) and returns undefined.
   * Errors it throws go to the error handler (HttpError → its status; database down → 503).
   */
  handle: (input: { query: z.output<Q>; req: Request; res: Response }) => Promise<unknown> | unknown;
}

/** get /api/audit/tasks-without-lead → getAuditTasksWithoutLead */
function operationId(method: Method, path: string): string {
  const words = path.replace(/^\/api\//, '').split(/[/-]/).filter(Boolean);
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

const error = (description: string): ResponseConfig => ({ description, content: { 'application/json': { schema: ErrorBody } } });

/**
 * Routes defined once: each endpoint is mounted on an Express router AND registered in an OpenAPI
 * registry with the same zod schema, so validation and documentation cannot drift apart.
 */
export class Api {
  readonly router = Router();
  readonly registry = new OpenAPIRegistry();

  constructor() {
    this.registry.registerComponent('securitySchemes', 'bearer', {
      type: 'http',
      scheme: 'bearer',
      description: 'the server\'s API_TOKEN; writes are refused (403) when the server has none',
    });
  }

  add<Q extends AnyQuery>(e: Endpoint<Q>): void {
    this.registry.registerPath({
      method: e.method,
      path: e.path,
      operationId: operationId(e.method, e.path),
      tags: e.tags,
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      // Reads are open (an empty requirement says so explicitly); writes need the bearer token.
      security: e.auth ? [{ bearer: [] }] : [],
      request: { ...(e.query ? { query: e.query } : {}), ...(e.body ? { body: e.body } : {}) },
      responses: {
        ...e.responses,
        400: error('invalid parameters; the message names each one and why'),
        ...(e.auth ? { 401: error('missing or wrong bearer token'), 403: error('writes are disabled: the server has no API_TOKEN') } : {}),
        ...(e.notFound ? { 404: error('no node with this id') } : {}),
        503: error('the database (or the search index) is unreachable; see Retry-After'),
      },
    });
    const handler: RequestHandler = async (req, res) => {
      // An endpoint without parameters still refuses unknown ones.
      const query = parseInput(e.query ?? NO_PARAMETERS, req.query) as z.output<Q>;
      const body = await e.handle({ query, req, res });
      if (body !== undefined && !res.headersSent) res.json(body);
    };
    this.router[e.method](e.path, ...(e.before ?? []), handler);
  }
}

/** A documented JSON response. */
export const json = (schema: z.ZodType, description: string): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});

/** A documented download (CSV, GraphML) next to the JSON body. */
export const download = (schema: z.ZodType, description: string, types: string[]): ResponseConfig => ({
  description,
  content: {
    'application/json': { schema },
    ...Object.fromEntries(types.map((t) => [t, { schema: { type: 'string' as const } }])),
  },
});
