/**
 * Response shapes of the API, inferred from the one contract (api-schema/; type-only imports:
 * nothing of it reaches the bundle), so the UI cannot silently drift from /openapi.json.
 */
import type { Heatmap } from '../../api-schema/audit.js';
import type { GraphNode } from '../../api-schema/lineage.js';

export type { AgencyDetail } from '../../api-schema/agencies.js';
export type { Heatmap, HeatmapCell, TaskEvidence, TaskList, TaskRow, UnimplementedList, UnresolvedList } from '../../api-schema/audit.js';
export type { ProvinceComparison } from '../../api-schema/compare.js';
export type { DeadlineGrid } from '../../api-schema/deadlines.js';
export type { DocumentDetail, DocumentPage, DocumentSummary, Provinces, UploadResult } from '../../api-schema/documents.js';
export type { ItemDetail } from '../../api-schema/items.js';
export type { GraphEdge, GraphNode, Subgraph } from '../../api-schema/lineage.js';
export type { CellCandidates, Queue as ReviewQueue, Review, TaskLinks } from '../../api-schema/reviews.js';
export type { SearchHit, SearchResult, SimilarResult } from '../../api-schema/search.js';
export type HeatmapRow = Heatmap['rows'][number];

/** What the UI draws: a graph node plus what it knows about it. */
export type NodeKind = GraphNode['kind'];
