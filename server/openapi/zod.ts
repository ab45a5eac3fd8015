import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/**
 * zod extended with `.openapi()`, for what only the server documents (an upload's binary body).
 * The contract itself (api-schema/) names and describes its schemas with zod's own `.meta()`,
 * which the OpenAPI generator reads, so it needs nothing of the server.
 */
extendZodWithOpenApi(z);

export { z };
