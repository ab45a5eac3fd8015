import { Label } from './labels.js';

export const EMBEDDING_DIMENSIONS = 384;
export const FULLTEXT_INDEX = 'item_text';
export const VECTOR_INDEX = 'item_embedding';

/**
 * Schema statements, each idempotent (`IF NOT EXISTS`), applied in order by `migrate`.
 * `standard-folding` is Lucene's ASCII folding: "khoi nghiep" matches "khởi nghiệp" and đ → d.
 */
export const schemaStatements: readonly string[] = [
  ...[Label.Document, Label.Item, Label.Directive, Label.Task, Label.Agency, Label.Province].map(
    (label) =>
      `CREATE CONSTRAINT ${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  ),
  // One Review per task → directive pair; looked up by the pair, by the directive (heatmap cells) and by the task.
  `CREATE CONSTRAINT review_pair IF NOT EXISTS FOR (n:${Label.Review}) REQUIRE (n.taskId, n.directiveId) IS UNIQUE`,
  `CREATE INDEX review_directive IF NOT EXISTS FOR (n:${Label.Review}) ON (n.directiveId)`,
  `CREATE INDEX review_task IF NOT EXISTS FOR (n:${Label.Review}) ON (n.taskId)`,
  `CREATE INDEX review_event_pair IF NOT EXISTS FOR (n:${Label.ReviewEvent}) ON (n.taskId, n.directiveId)`,
  `CREATE INDEX document_number_key IF NOT EXISTS FOR (n:${Label.Document}) ON (n.numberKey)`,
  `CREATE INDEX document_written_at IF NOT EXISTS FOR (n:${Label.Document}) ON (n.writtenAt)`,
  `CREATE INDEX item_document IF NOT EXISTS FOR (n:${Label.Item}) ON (n.documentId)`,
  `CREATE INDEX agency_province IF NOT EXISTS FOR (n:${Label.Agency}) ON (n.province)`,
  `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:${Label.Item}) ON EACH [n.text, n.sectionTitlesText]
     OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding' } }`,
  `CREATE FULLTEXT INDEX document_title IF NOT EXISTS FOR (n:${Label.Document}) ON EACH [n.title, n.number]
     OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding' } }`,
  `CREATE VECTOR INDEX ${VECTOR_INDEX} IF NOT EXISTS FOR (n:${Label.Item}) ON (n.embedding)
     OPTIONS { indexConfig: { \`vector.dimensions\`: ${EMBEDDING_DIMENSIONS}, \`vector.similarity_function\`: 'cosine' } }`,
];
