import type { AgencyNode, CitationEdge, DocumentNode } from '../../../graph-schema/index.js';
import { evidenceOf } from './evidence.js';
import { findMentions } from './mentions.js';
import { sentenceSpans, toParagraphs } from './paragraphs.js';
import { readRelations, type FoundRelation } from './relations.js';
import { resolveTargets } from './targets.js';
import { titleCitedDocuments } from './titles.js';
import { issuerAgency, issuerDisplayName } from '../issuers/names.js';
import type { DocumentIdentity, SourceLine } from '../types.js';

/*
 * References from a document to other documents.
 *
 * 1. Lines are joined into paragraphs, then split into sentences (paragraphs.ts).
 * 2. Every mention is found (mentions.ts).
 * 3. Each mention resolves to one document id (targets.ts).
 * 4. Relations come from the words between consecutive mentions of a sentence
 *    (relations.ts); the words after a mention title its stub (titles.ts).
 * 5. One edge per pair of documents, quoting the sentence it was read from (evidence.ts).
 */

export interface CitationContext {
  /** The citing document's id. */
  selfId: string;
  identity: DocumentIdentity;
  /** Line of the standalone type heading ("KẾ HOẠCH"); the preamble starts after it. */
  typeHeadingLine?: number | null;
  /**
   * Also emit the lineage the text states between cited documents ("Kế hoạch số 245-KH/TU … về thực
   * hiện Kết luận số 69-KL/TW" → 245 IMPLEMENTS 69, `from` = the 245 stub). Default true.
   */
  chainEdges?: boolean;
}

export interface CitationResult {
  citedDocuments: DocumentNode[];
  citations: CitationEdge[];
  /** Issuing bodies of the cited documents. */
  agencies: AgencyNode[];
  warnings: string[];
}

export function extractCitations(lines: SourceLine[], ctx: CitationContext): CitationResult {
  const perPara = toParagraphs(lines, ctx.typeHeadingLine).map((p) => {
    const spans = sentenceSpans(p);
    return { p, spans, mentions: findMentions(p, spans) };
  });
  const { docs, warnings } = resolveTargets(perPara.flatMap((x) => x.mentions), ctx.identity);
  const { found, sentences } = readRelations(perPara, docs, ctx.selfId, ctx.chainEdges ?? true);
  titleCitedDocuments(sentences, docs);

  // One edge per (from, to): IMPLEMENTS beats CITES; the first sentence of the winning kind is the evidence.
  const edges = new Map<string, { f: FoundRelation; basis: boolean }>();
  for (const f of found) {
    const k = `${f.from}\u0000${f.to}`;
    const e = edges.get(k);
    if (!e) edges.set(k, { f, basis: f.basis });
    else {
      e.basis ||= f.basis;
      if (e.f.kind === 'CITES' && f.kind === 'IMPLEMENTS') e.f = f;
    }
  }
  const citations: CitationEdge[] = [...edges.values()].map(({ f, basis }) => {
    const { evidence, lineStart, lineEnd } = evidenceOf(f.m);
    return { from: f.from, to: f.to, kind: f.kind, basis, raw: f.m.raw, evidence, lineStart, lineEnd };
  });

  // Stubs and their issuers.
  const agencies = new Map<string, AgencyNode>();
  const citedDocuments: DocumentNode[] = [...docs.entries()]
    .sort((a, b) => a[1].first - b[1].first)
    .map(([id, d]) => {
      const agency = issuerAgency(d.info, d.r.province);
      if (agency) {
        const had = agencies.get(agency.id);
        agencies.set(agency.id, had ? { ...had, aliases: [...new Set([...had.aliases, ...agency.aliases])] } : agency);
      }
      return {
        id,
        numberKey: d.r.key,
        typeCode: d.r.typeCode,
        typeName: d.r.typeName,
        number: d.r.number,
        issuerName: issuerDisplayName(d.info, d.r.province),
        issuerPath: d.r.issuerPath,
        issuerId: agency?.id ?? null,
        level: d.r.level,
        province: d.r.province,
        date: d.date,
        year: d.year,
        place: null,
        signer: null,
        title: d.title,
        stub: true,
        sourceFile: null,
        otherSources: [],
        contentHash: null,
        text: null,
        sourceFormat: null,
        pageCount: null,
        ocrConfidence: null,
        warnings: [],
      };
    });
  if (citedDocuments.some((d) => d.issuerPath.startsWith('unknown-province/'))) {
    warnings.push('a local document was cited (TU/UBND/HĐND) but the citing document has no province');
  }
  return { citedDocuments, citations, agencies: [...agencies.values()], warnings: [...new Set(warnings)] };
}
