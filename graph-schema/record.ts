import { z } from 'zod';
import { AgencyNode, DocumentNode, ItemNode } from './nodes.js';
import { AgencyEdge, CitationEdge, ItemLink } from './edges.js';

/**
 * Everything one source document contributes to the graph. Ingest produces it, the graph store
 * writes it in one transaction, and deleting the document removes what only it owned.
 */
export const DocumentRecord = z.object({
  document: DocumentNode,
  items: z.array(ItemNode),
  agencies: z.array(AgencyNode),
  /** Documents this one cites; written as stubs unless their own text is already in the graph. */
  citedDocuments: z.array(DocumentNode),
  citations: z.array(CitationEdge),
  agencyEdges: z.array(AgencyEdge),
  itemLinks: z.array(ItemLink),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;
