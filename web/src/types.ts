/**
 * Response shapes of the API, taken from the server's own zod schemas (type-only imports: nothing
 * of the server reaches the bundle), so the UI cannot silently drift from /openapi.json.
 */
import type { z } from 'zod';
import type { AgencyDetail as AgencyDetailS } from '../../api-schema/agencies.js';
import type {
  Heatmap as HeatmapS,
  HeatmapCell as HeatmapCellS,
  TaskList as TaskListS,
  UnimplementedList as UnimplementedListS,
  UnresolvedList as UnresolvedListS,
} from '../../api-schema/audit.js';
import type {
  DocumentDetail as DocumentDetailS,
  DocumentPage as DocumentPageS,
  Provinces as ProvincesS,
  UploadResult as UploadResultS,
} from '../../api-schema/documents.js';
import type { ProvinceComparison as ProvinceComparisonS } from '../../api-schema/compare.js';
import type { DeadlineGrid as DeadlineGridS } from '../../api-schema/deadlines.js';
import type { ItemDetail as ItemDetailS } from '../../api-schema/items.js';
import type { CellCandidates as CellCandidatesS, Queue as QueueS, Review as ReviewS, TaskLinks as TaskLinksS } from '../../api-schema/reviews.js';
import type { GraphEdge as GraphEdgeS, GraphNode as GraphNodeS, Subgraph as SubgraphS } from '../../api-schema/lineage.js';
import type { SearchHit as SearchHitS, SearchResult as SearchResultS, SimilarResult as SimilarResultS } from '../../api-schema/search.js';

export type GraphNode = z.infer<typeof GraphNodeS>;
export type GraphEdge = z.infer<typeof GraphEdgeS>;
export type Subgraph = z.infer<typeof SubgraphS>;
export type DocumentPage = z.infer<typeof DocumentPageS>;
export type DocumentSummary = DocumentPage['items'][number];
export type DocumentDetail = z.infer<typeof DocumentDetailS>;
export type Provinces = z.infer<typeof ProvincesS>;
export type UploadResult = z.infer<typeof UploadResultS>;
export type ItemDetail = z.infer<typeof ItemDetailS>;
export type AgencyDetail = z.infer<typeof AgencyDetailS>;
export type Heatmap = z.infer<typeof HeatmapS>;
export type HeatmapRow = Heatmap['rows'][number];
export type HeatmapCell = z.infer<typeof HeatmapCellS>;
export type TaskList = z.infer<typeof TaskListS>;
export type DeadlineGrid = z.infer<typeof DeadlineGridS>;
export type ProvinceComparison = z.infer<typeof ProvinceComparisonS>;
export type TaskRow = TaskList['items'][number];
export type UnimplementedList = z.infer<typeof UnimplementedListS>;
export type UnresolvedList = z.infer<typeof UnresolvedListS>;
export type SearchHit = z.infer<typeof SearchHitS>;
export type SearchResult = z.infer<typeof SearchResultS>;
export type SimilarResult = z.infer<typeof SimilarResultS>;
export type Review = z.infer<typeof ReviewS>;
export type TaskLinks = z.infer<typeof TaskLinksS>;
export type CellCandidates = z.infer<typeof CellCandidatesS>;
export type ReviewQueue = z.infer<typeof QueueS>;
export type TaskEvidence = HeatmapCell['tasks'][number];

/** What the UI draws: a graph node plus what it knows about it. */
export type NodeKind = GraphNode['kind'];
