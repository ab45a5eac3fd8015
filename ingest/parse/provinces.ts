import { HISTORICAL_PROVINCES, PROVINCE_ALSO_WRITTEN } from '../../graph-schema/provinces.js';
import { foldKeepCase, foldLower } from './text/fold.js';
import { escapeRe } from './text/regex.js';

/** The 63 provinces and centrally-run cities as documents write them (before the 2025 merger; the merged ones kept these names). */
export const PROVINCES: readonly string[] = [...HISTORICAL_PROVINCES.map((p) => p.name), ...PROVINCE_ALSO_WRITTEN];

/** Centrally-run cities: "thành phố Hà Nội" is a province, "thành phố Bắc Giang" a district. */
export const CENTRAL_CITIES: ReadonlySet<string> = new Set(['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế']);

/** Folded spellings (lower case) → province name, with the common variants. */
const PROVINCE_SPELLINGS: ReadonlyArray<[string, string]> = (() => {
  const list: Array<[string, string]> = PROVINCES.map((p) => [foldLower(p), p]);
  list.push(['bac can', 'Bắc Kạn'], ['dac lac', 'Đắk Lắk'], ['dak nong', 'Đắk Nông'], ['kontum', 'Kon Tum']);
  list.push(['thua thien - hue', 'Thừa Thiên Huế'], ['ba ria vung tau', 'Bà Rịa - Vũng Tàu'], ['tp hcm', 'Hồ Chí Minh']);
  list.push(['tp. hcm', 'Hồ Chí Minh'], ['tp.hcm', 'Hồ Chí Minh'], ['hcm', 'Hồ Chí Minh']);
  return list.sort((a, b) => b[0].length - a[0].length);
})();

/** Regex source for any province spelling in a folded-lower string; a hyphen may stand between the words. */
export const PROVINCE_PATTERN = PROVINCE_SPELLINGS.map(([f]) => escapeRe(f).replace(/ - | /g, '\\s*-?\\s*')).join('|');
const PROVINCE_AT = new RegExp(`(?:${PROVINCE_PATTERN})(?![a-z0-9])`, 'y');

/** The province a folded-lower spelling names ("bac can", "thua thien-hue"), or null. */
export function provinceFromFolded(folded: string): string | null {
  const f = folded.replace(/\s*-\s*/g, ' - ').replace(/\s+/g, ' ').trim();
  for (const [spelling, name] of PROVINCE_SPELLINGS) {
    if (f === spelling || f.replace(/ - /g, ' ') === spelling.replace(/ - /g, ' ')) return name;
  }
  return null;
}

/** A province name starting exactly at `index` of a folded-lower string. */
export function provinceAt(folded: string, index: number): { name: string; length: number } | null {
  PROVINCE_AT.lastIndex = index;
  const m = PROVINCE_AT.exec(folded);
  if (!m) return null;
  const name = provinceFromFolded(m[0]);
  return name ? { name, length: m[0].length } : null;
}

/**
 * Province names in running text, case-sensitive (Title Case, or upper case after "TỈNH"), so that
 * "hòa bình" (peace) is not Hòa Bình. Ho Chi Minh City needs "Thành phố"/"TP." (the name is also a person's).
 */
export function findProvinceMentions(text: string): Array<{ name: string; index: number; qualified: boolean }> {
  const kept = foldKeepCase(text);
  const out: Array<{ name: string; index: number; qualified: boolean }> = [];
  for (const { name, re } of provinceRegexes()) {
    re.lastIndex = 0;
    for (const m of kept.matchAll(re)) {
      const qualified = !!m[1] || /^(TINH|THANH)/.test(m[0]);
      if (name === 'Hồ Chí Minh' && !qualified) continue;
      if (name === 'Huế' && /Thua Thien\s*-?\s*$/i.test(kept.slice(Math.max(0, m.index - 14), m.index))) continue;
      out.push({ name, index: m.index, qualified });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

let provinceRegexCache: Array<{ name: string; re: RegExp }> | null = null;

function provinceRegexes(): Array<{ name: string; re: RegExp }> {
  if (provinceRegexCache) return provinceRegexCache;
  const variants = new Map<string, string[]>();
  for (const name of PROVINCES) variants.set(name, [foldKeepCase(name).replace(/ - /g, ' ')]);
  variants.get('Bắc Kạn')!.push('Bac Can');
  variants.get('Kon Tum')!.push('Kontum');
  provinceRegexCache = [...variants.entries()].map(([name, spellings]) => {
    const body = spellings.map((f) => escapeRe(f).replace(/ /g, '\\s*-?\\s*')).join('|');
    const upper = spellings.map((f) => escapeRe(f.toUpperCase()).replace(/ /g, '\\s*-?\\s*')).join('|');
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])(?:((?:[Tt]inh(?: uy)?|[Tt]hanh pho|TP\\.?|Tp\\.?)\\s+)?(?:${body})|(?:TINH UY|TINH|THANH PHO|TP\\.?)\\s+(?:${upper}))(?![\\p{L}\\p{N}])`,
      'gu',
    );
    return { name, re };
  });
  return provinceRegexCache;
}
