import type { RouteConfig, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from '../openapi/zod.js';
import { ErrorBody } from '../../api-schema/common.js';
import type { Column } from '../../format/csv.js';
import { attachment, sendList, sendSerialisedJson, type SerialisedJson } from './respond.js';
import { parseInput } from './validate.js';

type Method = 'get' | 'post' | 'delete';

const NO_PARAMETERS = z.strictObject({});
type AnyQuery = z.ZodObject;

/** A documented response whose JSON body has schema `S` (carried in the type, for the handler's check). */
export type Documented<S extends z.ZodType> = ResponseConfig & { readonly body?: S };

/** What a handler returns after writing the answer itself (a CSV, a download, a kept body). */
class Sent {
  // A private member makes the class nominal: no JSON body is mistaken for it.
  private readonly sent = true;
}
export type { Sent };
const SENT = new Sent();

/** The ways a handler answers other than returning its JSON body, each typed against the endpoint's schema. */
export interface Reply<B> {
  /** A list's answer: the body as JSON, or its rows as CSV downloaded as `<name>.csv`. */
  list<T>(format: 'json' | 'csv', opts: { json: B; rows: readonly T[]; columns: readonly Column<T>[]; name: string }): Sent;
  /** A kept answer: its bytes as serialised, with their ETag. */
  kept(serialised: SerialisedJson<B>): Sent;
  /** A download that is not JSON (CSV, GraphML), saved as `<name>.<ext>`. */
  file(name: string, ext: string, type: string, body: string): Sent;
}

function replyTo<B>(res: Response): Reply<B> {
  return {
    list: (format, opts) => (sendList(res, format, opts), SENT),
    kept: (serialised) => (sendSerialisedJson(res, serialised), SENT),
    file: (name, ext, type, body) => {
      attachment(res, name, ext);
      res.type(type).send(body);
      return SENT;
    },
  };
}

/**
 * The success responses: the JSON body of 200 (or 201) is what `handle` must return, so a handler
 * drifting from its documented schema is a compile error. Other statuses document errors.
 */
type Responses<R extends z.ZodType> = { 200?: Documented<R>; 201?: Documented<R> } & Record<number, ResponseConfig>;

export interface Endpoint<Q extends AnyQuery, R extends z.ZodType> {
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
  responses: Responses<R>;
  /**
   * Returns the JSON body (as its response schema reads it), or answers through `reply` (CSV, a
   * download, a kept body) and returns what it returns.
   * Errors it throws go to the error handler (HttpError → its status; database down → 503).
   */
  handle: (input: { query: z.output<Q>; req: Request; res: Response; reply: Reply<z.input<R>> }) => Promise<z.input<R> | Sent> | z.input<R> | Sent;
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

  add<Q extends AnyQuery, R extends z.ZodType>(e: Endpoint<Q, R>): void {
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
      const body = await e.handle({ query, req, res, reply: replyTo<z.input<R>>(res) });
      if (body !== SENT && !res.headersSent) res.json(body);
    };
    this.router[e.method](e.path, ...(e.before ?? []), handler);
  }
}

/** A documented JSON response. */
export const json = <S extends z.ZodType>(schema: S, description: string): Documented<S> => ({
  description,
  content: { 'application/json': { schema } },
});

/** A documented download (CSV, GraphML) next to the JSON body. */
export const download = <S extends z.ZodType>(schema: S, description: string, types: string[]): Documented<S> => ({
  description,
  content: {
    'application/json': { schema },
    ...Object.fromEntries(types.map((t) => [t, { schema: { type: 'string' as const } }])),
  },
});
