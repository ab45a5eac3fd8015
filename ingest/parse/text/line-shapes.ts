import { foldLower } from './fold.js';

/*
 * What a cleaned line looks like, for the identity and citation readers (the structure parser
 * classifies lines in structure/markers.ts).
 */

/** Written in capitals: a header cell, a type heading, a title. */
export function isUpperLine(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length > 0.85;
}

/** Numbered headings have at most three digits: "2026 - 2030" on a line of its own is a title's period. */
const SECTION_HEADING = /^(?:phan\s+(?:[ivx]+|\d+|thu)|chuong\s+(?:[ivx]+|\d+)|[ivx]+\s*[.\-–)]|[a-dA-D]\s*[.\-–)]\s|\d{1,3}\s*[.\-)]\s|mot la|thu nhat)/;

/** A section heading that starts the body ("I. MỤC ĐÍCH", "1. …", "Một là"): the title and preamble end here. */
export function isSectionHeading(cleaned: string): boolean {
  return SECTION_HEADING.test(foldLower(cleaned).trim());
}

/** The cells of a table row (pipes or tabs) or the line itself; empty cells and rule cells dropped. */
export function lineCells(text: string): string[] {
  return text
    .split(/\||\t/)
    .map((c) => c.replace(/^[\s:*-]+$/, '').trim())
    .filter((c) => c.length > 0 && !/^[-:=*_\s]+$/.test(c));
}
