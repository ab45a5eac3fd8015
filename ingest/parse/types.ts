import type { AgencyEdge, AgencyNode, DocumentTypeCode, ItemNode, Level } from '../../graph-schema/index.js';

/**
 * The source as the parser sees it: NFC, whitespace-normalised (see core/vn-text.ts), split on
 * line breaks, then rejoined into logical lines where a portal copy or a scan wrapped them
 * (reflow/). `n` is the 1-based line number in the original file, so spans point at real lines.
 */
export interface SourceLine {
  n: number;
  text: string;
  /** The last original line, when the reflow joined lines `n..end` into this one (reflow/). */
  end?: number;
}

/** Who issued a document and what it is, as read from its header, metadata, signature or body. */
export interface DocumentIdentity {
  typeCode: DocumentTypeCode;
  typeName: string;
  number: string | null;
  issuerName: string | null;
  /** See graph-schema/ids.ts: "tw", "ttg", "binh-thuan/ubnd", … */
  issuerPath: string;
  level: Level;
  province: string | null;
  provinceSlug: string | null;
  date: string | null;
  year: number | null;
  place: string | null;
  signer: string | null;
  title: string | null;
}

/** What the structure parser needs to know about the document it is reading. */
export interface StructureContext {
  documentId: string;
  level: Level;
  /** The Party committee (TU) plans of a province are implemented by its People's Committee. */
  issuerPath: string;
  province: string | null;
  provinceSlug: string | null;
  /** A text of rules (law, regulation, procedure list): no tasks, no directives (structure/item-kinds.ts). */
  normative?: boolean;
  /** The document's type: a letter or notice has tasks only where a body is named (structure/item-kinds.ts). */
  typeCode?: string;
}

export interface StructureResult {
  items: ItemNode[];
  agencies: AgencyNode[];
  agencyEdges: AgencyEdge[];
  warnings: string[];
}
