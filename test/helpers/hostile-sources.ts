/**
 * The real files the hostile uploads are made from: the demo corpus and the portal copies of
 * data/wild/docs (cut, shuffled, re-encoded), 69-KL/TW, a news article about it, and the binary
 * fixtures of the format tests (a DOCX, a PDF with a text layer, the zip bomb). Read once, in a
 * fixed order, so the same seed always starts from the same bytes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../../core/paths.js';

export interface RealFile {
  /** Path under the repository. */
  path: string;
  bytes: Buffer;
}

const TEXT = /\.(txt|md)$/;

function readTree(dir: string): RealFile[] {
  const root = join(REPO_ROOT, dir);
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => TEXT.test(f))
    .sort()
    .map((f) => ({ path: relative(REPO_ROOT, join(root, f)), bytes: readFileSync(join(root, f)) }));
}

/** `make` run on the first call only: the files are read, the archives built, when a case needs them. */
export const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

/** Real plans and central documents: the demo corpus first, then the portal copies. */
export const realDocuments = once(() => [...readTree('data/corpus'), ...readTree('data/wild/docs')]);

const file = (path: string) => once(() => readFileSync(join(REPO_ROOT, path)));

export const kl69Bytes = file('data/corpus/national/kl-69-KLTW-2024.md');
/** A news article about 69-KL/TW that carries its number and date. */
export const newsArticleBytes = file('test/fixtures/copies/tin-bai-ket-luan-69.txt');
export const planDocxBytes = file('test/fixtures/formats/plan.docx');
export const textPdfBytes = file('test/fixtures/formats/text-layer.pdf');
/** A DOCX of 60 KB whose document.xml unpacks to 60 MB (test/fixtures/formats/make-fixtures.ts). */
export const zipBombBytes = file('test/fixtures/formats/zip-bomb.docx');
