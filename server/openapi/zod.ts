import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/**
 * The one zod the server's schemas import: extended with `.openapi()` so that the schemas that
 * validate requests also describe them in /openapi.json. The extension patches zod's prototypes,
 * so schemas made elsewhere (search/types.ts) gain it too.
 */
extendZodWithOpenApi(z);

export { z };
