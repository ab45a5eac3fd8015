import {
  agencyId,
  documentId,
  itemId,
  numberKey,
  type AgencyNode,
  type DocumentNode,
  type DocumentRecord,
  type ItemNode,
} from '../../graph-schema/index.js';

/** Small, valid DocumentRecords built in code, for store tests and the upsert benchmark. */

export function documentNode(over: Partial<DocumentNode> & { number: string | null; issuerPath: string }): DocumentNode {
  const typeCode = over.typeCode ?? 'kh';
  const year = over.year ?? 2024;
  const id = over.id ?? documentId({ issuerPath: over.issuerPath, typeCode, number: over.number, year, untitledHash: 'x' });
  return {
    id,
    numberKey: numberKey({ issuerPath: over.issuerPath, typeCode, number: over.number }),
    typeCode,
    typeName: 'Kế hoạch',
    issuerName: null,
    issuerId: null,
    level: 'province',
    province: 'Tỉnh Thử',
    date: year ? `${year}-01-15` : null,
    place: null,
    signer: null,
    title: `Kế hoạch ${over.number ?? ''}`,
    stub: false,
    sourceFile: null,
    otherSources: [],
    contentHash: 'hash-1',
    text: 'Kế hoạch thử nghiệm',
    sourceFormat: 'text',
    pageCount: null,
    ocrConfidence: null,
    warnings: [],
    ...over,
    year,
  };
}

export function agencyNode(name: string, province = 'tinh-thu', collective = false): AgencyNode {
  return { id: agencyId(name, province), name, aliases: [name], province: 'Tỉnh Thử', level: 'province', collective };
}

export interface SyntheticOptions {
  number: string;
  issuerPath?: string;
  tasks: number;
  /** Agency names; task k is led by agencies[k % n] and coordinated by the next one. */
  agencies?: string[];
  /** Documents cited (as stubs) and implemented. */
  implements?: DocumentNode[];
  taskText?: (k: number) => string;
}

export function syntheticRecord(opts: SyntheticOptions): DocumentRecord {
  const doc = documentNode({ number: opts.number, issuerPath: opts.issuerPath ?? 'tinh-thu/ubnd' });
  const names = opts.agencies ?? ['Sở Khoa học và Công nghệ', 'Sở Tài chính'];
  const agencies = names.map((n) => agencyNode(n));
  const items: ItemNode[] = Array.from({ length: opts.tasks }, (_, k) => ({
    id: itemId(doc.id, ['II', String(Math.floor(k / 10) + 1), String((k % 10) + 1)]),
    documentId: doc.id,
    isDirective: false,
    isTask: true,
    sectionPath: ['II', String(Math.floor(k / 10) + 1), String((k % 10) + 1)],
    sectionTitles: ['NHIỆM VỤ, GIẢI PHÁP', `Nhóm ${Math.floor(k / 10) + 1}`],
    ordinal: k,
    text: opts.taskText?.(k) ?? `Nhiệm vụ số ${k}: hỗ trợ khởi nghiệp đổi mới sáng tạo`,
    lineStart: k + 1,
    lineEnd: k + 1,
    pageStart: null,
    pageEnd: null,
    restatedAt: [],
    leadRaw: names[k % names.length] ?? null,
    coordinatingRaw: names[(k + 1) % names.length] ?? null,
    timeline: { kind: 'year', raw: 'năm 2025', from: '2025-01-01', to: '2025-12-31', recurrence: null },
  }));
  const cited = (opts.implements ?? []).map((d) => ({ ...d, stub: true, text: null, contentHash: null, sourceFormat: null }));
  return {
    document: doc,
    items,
    agencies,
    citedDocuments: cited,
    citations: cited.map((c) => ({
      from: doc.id,
      to: c.id,
      kind: 'IMPLEMENTS' as const,
      basis: false,
      raw: c.number ?? c.id,
      evidence: `Thực hiện ${c.number}`,
      lineStart: 1,
      lineEnd: 1,
    })),
    agencyEdges: items.flatMap((it, k) => [
      { agencyId: agencies[k % agencies.length]!.id, itemId: it.id, role: 'LEADS' as const, raw: it.leadRaw ?? '' },
      ...(agencies.length > 1
        ? [{ agencyId: agencies[(k + 1) % agencies.length]!.id, itemId: it.id, role: 'COORDINATES' as const, raw: '' }]
        : []),
    ]),
    itemLinks: [],
  };
}
