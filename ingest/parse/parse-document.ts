import { ZodError } from 'zod';
import { DocumentRecord, numberKey, type AgencyNode, type DocumentNode, type ItemNode, type SourceFormat } from '../../graph-schema/index.js';
import { extractCitations } from './citations/index.js';
import { identityDocumentId, readIdentity } from './identity/index.js';
import { cleanInline, normalizeSource, toSourceLines } from './text/lines.js';
import { isNormative } from './structure/item-kinds.js';
import { draftItems, parseStructure } from './structure/index.js';
import { reflow } from './reflow/index.js';
import type { DocumentIdentity, SourceLine, StructureContext } from './types.js';

/** The input is not a policy document the parser can read (empty, or random text). */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly fileName?: string,
  ) {
    super(fileName ? `${fileName}: ${message}` : message);
    this.name = 'ParseError';
  }
}

/**
 * Items a document may have. The largest of 123 real documents read has 577; a text with many
 * more is a data table or generated noise, and would take minutes to link and embed.
 */
export const MAX_ITEMS = 3_000;

/**
 * Characters a line may have. The longest of the 75 real documents of data/corpus and data/wild
 * (portal copies, a paragraph to a line) has 3,653; a line of a megabyte is a file that lost its
 * line breaks, or generated text, and the parser, whose patterns run over every line, would take
 * seconds on it.
 */
export const MAX_LINE_CHARS = 20_000;

export interface ParseOptions {
  fileName?: string;
  contentHash?: string;
  /**
   * Emit the lineage stated between cited documents as edges from their stubs ("Kế hoạch số 245-KH/TU
   * … về thực hiện Kết luận số 69-KL/TW" → 245 IMPLEMENTS 69). Default true; see citations/index.ts.
   */
  chainEdges?: boolean;
  /** How the text was obtained (ingest/extract): format, the lines of each page, OCR confidence, warnings. */
  source?: SourceReading;
}

/** Lines `lineStart..lineEnd` (1-based, inclusive) of the text are page `page` of the source. */
export interface PageLines {
  page: number;
  lineStart: number;
  lineEnd: number;
}

export interface SourceReading {
  format: SourceFormat;
  pages: PageLines[];
  ocrConfidence: number | null;
  warnings: string[];
}

/**
 * One source text → everything it contributes to the graph: lines → identity → document id →
 * citations (stubs for the cited documents, their issuers) → structure (items, agencies, agency
 * edges) → a record validated against graph-schema. Pure: no I/O. `itemLinks` stay empty (the
 * linker fills them). Throws `ParseError` when the text has no recognisable structure of a policy
 * document: no document type, no items and no references to other documents.
 */
export function parseDocument(text: string, opts: ParseOptions = {}): DocumentRecord {
  const source = normalizeSource(text);
  if (!source.trim()) throw new ParseError('empty document: there is no text to parse', opts.fileName);
  const longest = longestLine(source);
  if (longest > MAX_LINE_CHARS) {
    throw new ParseError(
      `has a line of ${longest} characters, more than the ${MAX_LINE_CHARS} a paragraph may have: a file without its line breaks or generated text, not a policy document`,
      opts.fileName,
    );
  }
  const lines = reflow(toSourceLines(source));

  // Counted before the identity, citations and agencies are read: on a data table of 10,000 rows
  // those take seconds, to end in this refusal anyway.
  const drafted = draftItems(lines);
  if (drafted.drafts.length > MAX_ITEMS) {
    throw new ParseError(
      `has ${drafted.drafts.length} items, more than the ${MAX_ITEMS} a document may have: read as a data table or generated text, not a policy document`,
      opts.fileName,
    );
  }

  const reading = readIdentity(lines, { fileName: opts.fileName });
  const identity = reading.identity;
  const id = identityDocumentId(identity, source);

  const cited = extractCitations(lines, {
    selfId: id,
    identity,
    typeHeadingLine: reading.typeHeadingLine,
    chainEdges: opts.chainEdges,
  });

  const ctx: StructureContext = {
    documentId: id,
    level: identity.level,
    issuerPath: identity.issuerPath,
    province: identity.province,
    provinceSlug: identity.provinceSlug,
    typeCode: identity.typeCode,
    normative: isNormative(identity.typeCode, identity.title, standaloneHeadings(lines), articleLines(lines)),
  };
  const structure = parseStructure(lines, ctx, drafted);

  const typed = !reading.warnings.includes('document type not identified');
  if (!looksLikeDocument(identity, typed, structure.items.length, cited.citations.length)) {
    throw new ParseError(
      'not recognisable as a policy document: it names no number, date or issuer of its own, and has too few items (numbered tasks or paragraphs) or references to other documents to be read as one',
      opts.fileName,
    );
  }

  const document: DocumentNode = {
    id,
    numberKey: numberKey({ issuerPath: identity.issuerPath, typeCode: identity.typeCode, number: identity.number }),
    typeCode: identity.typeCode,
    typeName: identity.typeName,
    number: identity.number,
    issuerName: identity.issuerName,
    issuerPath: identity.issuerPath,
    issuerId: reading.issuerAgency?.id ?? null,
    level: identity.level,
    province: identity.province,
    date: identity.date,
    year: identity.year,
    place: identity.place,
    signer: identity.signer,
    title: identity.title,
    stub: false,
    sourceFile: opts.fileName ?? null,
    otherSources: [],
    contentHash: opts.contentHash ?? null,
    text: source,
    sourceFormat: opts.source?.format ?? 'text',
    pageCount: opts.source?.pages.length ? opts.source.pages.length : null,
    ocrConfidence: opts.source?.ocrConfidence ?? null,
    warnings: [...new Set([...(opts.source?.warnings ?? []), ...reading.warnings, ...cited.warnings, ...structure.warnings])],
  };

  const record = {
    document,
    items: withPages(structure.items, opts.source?.pages ?? []),
    agencies: mergeAgencies([...structure.agencies, ...(reading.issuerAgency ? [reading.issuerAgency] : []), ...cited.agencies]),
    citedDocuments: cited.citedDocuments,
    citations: cited.citations,
    agencyEdges: structure.agencyEdges,
    itemLinks: [],
  };
  try {
    return DocumentRecord.parse(record);
  } catch (err) {
    if (err instanceof ZodError) {
      const first = err.issues[0];
      throw new ParseError(`the parser produced an invalid record (${first ? `${first.path.join('.')}: ${first.message}` : err.message})`, opts.fileName);
    }
    throw err;
  }
}

/**
 * The gate an upload passes to become a document: an identity of its own (a number, a date or an
 * issuer), or enough of a document's body to stand for one (several items under a document type,
 * many items, or references to other documents beside an item or a type). "KẾ HOẠCH thử nghiệm"
 * alone, word salad, a chat message do not pass; a portal article about a resolution does.
 */
function looksLikeDocument(identity: DocumentIdentity, typed: boolean, items: number, citations: number): boolean {
  if (identity.number || identity.date || (identity.issuerPath !== 'unknown' && identity.issuerName)) return true;
  return (typed && items >= 3) || items >= 10 || (citations >= 2 && (typed || items >= 1));
}

function longestLine(text: string): number {
  return text.split('\n').reduce((longest, line) => Math.max(longest, line.length), 0);
}

/** Lines that are a short heading in capitals ("QUY CHẾ", "**ĐIỀU LỆ**"): what the document or an attachment is. */
function standaloneHeadings(lines: SourceLine[]): string[] {
  return lines.map((l) => cleanInline(l.text).trim()).filter((t) => t.length > 0 && t.length <= 20 && t === t.toLocaleUpperCase('vi') && /\p{L}/u.test(t));
}

/** The lines that open an article ("Điều 1. Phạm vi điều chỉnh"). */
function articleLines(lines: SourceLine[]): string[] {
  return lines.map((l) => cleanInline(l.text).trim()).filter((t) => /^Điều\s+\d+\s*[.:]/u.test(t));
}

/** Each item's pages, from the lines it spans. */
function withPages(items: ItemNode[], pages: PageLines[]): ItemNode[] {
  if (pages.length === 0) return items;
  const pageOf = (line: number) => pages.find((p) => line >= p.lineStart && line <= p.lineEnd)?.page ?? null;
  return items.map((item) => ({ ...item, pageStart: pageOf(item.lineStart), pageEnd: pageOf(item.lineEnd) }));
}

/** One node per agency id: the first reading keeps its name and fields, aliases are pooled. */
function mergeAgencies(agencies: AgencyNode[]): AgencyNode[] {
  const byId = new Map<string, AgencyNode>();
  for (const a of agencies) {
    const had = byId.get(a.id);
    if (!had) {
      byId.set(a.id, { ...a, aliases: [...new Set(a.aliases)] });
      continue;
    }
    const aliases = new Set([...had.aliases, ...a.aliases]);
    if (a.name !== had.name) aliases.add(a.name);
    aliases.delete(had.name);
    byId.set(a.id, { ...had, aliases: [...aliases], province: had.province ?? a.province });
  }
  return [...byId.values()];
}
