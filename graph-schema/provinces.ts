/**
 * Vietnam's provinces before and after the 2025 merger (Nghị quyết 202/2025/QH15, in force on
 * 1 July 2025): 63 provinces and cities became 34. Documents keep the province they were issued
 * in, as written; analysts ask about today's units, so each historical province belongs to one
 * 2025 unit. Facts from the resolution (see ../shared/reference/provinces-2025.md).
 */
import { matchKey, slugify } from '../core/vn-text.js';

export const MERGER_DATE = '2025-07-01';

/** Each 2025 unit and the historical provinces merged into it (itself first when it kept its name). */
const UNITS_2025: ReadonlyArray<readonly [string, readonly string[]]> = [
  // Unchanged
  ['Hà Nội', ['Hà Nội']],
  ['Huế', ['Thừa Thiên Huế']],
  ['Lai Châu', ['Lai Châu']],
  ['Điện Biên', ['Điện Biên']],
  ['Sơn La', ['Sơn La']],
  ['Lạng Sơn', ['Lạng Sơn']],
  ['Quảng Ninh', ['Quảng Ninh']],
  ['Thanh Hóa', ['Thanh Hóa']],
  ['Nghệ An', ['Nghệ An']],
  ['Hà Tĩnh', ['Hà Tĩnh']],
  ['Cao Bằng', ['Cao Bằng']],
  // Merged
  ['Tuyên Quang', ['Tuyên Quang', 'Hà Giang']],
  ['Lào Cai', ['Lào Cai', 'Yên Bái']],
  ['Thái Nguyên', ['Thái Nguyên', 'Bắc Kạn']],
  ['Phú Thọ', ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình']],
  ['Bắc Ninh', ['Bắc Ninh', 'Bắc Giang']],
  ['Hưng Yên', ['Hưng Yên', 'Thái Bình']],
  ['Hải Phòng', ['Hải Phòng', 'Hải Dương']],
  ['Ninh Bình', ['Ninh Bình', 'Hà Nam', 'Nam Định']],
  ['Quảng Trị', ['Quảng Trị', 'Quảng Bình']],
  ['Đà Nẵng', ['Đà Nẵng', 'Quảng Nam']],
  ['Quảng Ngãi', ['Quảng Ngãi', 'Kon Tum']],
  ['Gia Lai', ['Gia Lai', 'Bình Định']],
  ['Khánh Hòa', ['Khánh Hòa', 'Ninh Thuận']],
  ['Lâm Đồng', ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận']],
  ['Đắk Lắk', ['Đắk Lắk', 'Phú Yên']],
  ['Hồ Chí Minh', ['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu']],
  ['Đồng Nai', ['Đồng Nai', 'Bình Phước']],
  ['Tây Ninh', ['Tây Ninh', 'Long An']],
  ['Cần Thơ', ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang']],
  ['Vĩnh Long', ['Vĩnh Long', 'Bến Tre', 'Trà Vinh']],
  ['Đồng Tháp', ['Đồng Tháp', 'Tiền Giang']],
  ['Cà Mau', ['Cà Mau', 'Bạc Liêu']],
  ['An Giang', ['An Giang', 'Kiên Giang']],
];

/** The six centrally-run cities of 2025. */
const CITIES_2025 = new Set(['Hà Nội', 'Huế', 'Hải Phòng', 'Đà Nẵng', 'Hồ Chí Minh', 'Cần Thơ']);

/** Names documents use for a historical province other than its own ("Huế" since January 2025). */
const ALSO_WRITTEN: Readonly<Record<string, string>> = { Huế: 'Thừa Thiên Huế' };

export interface CurrentUnit {
  name: string;
  slug: string;
  kind: 'province' | 'city';
  /** The historical provinces it was formed from. */
  predecessors: string[];
}

export interface HistoricalProvince {
  name: string;
  slug: string;
  /** The 2025 unit it belongs to. */
  current: string;
  /** Whether it kept its territory (a unit of one province). */
  unchanged: boolean;
}

export const CURRENT_UNITS: readonly CurrentUnit[] = UNITS_2025.map(([name, from]) => ({
  name,
  slug: slugify(name),
  kind: CITIES_2025.has(name) ? 'city' : 'province',
  predecessors: [...from],
}));

export const HISTORICAL_PROVINCES: readonly HistoricalProvince[] = UNITS_2025.flatMap(([current, from]) =>
  from.map((name) => ({ name, slug: slugify(name), current, unchanged: from.length === 1 })),
).sort((a, b) => a.name.localeCompare(b.name, 'vi'));

const historicalByKey = new Map(HISTORICAL_PROVINCES.map((p) => [matchKey(p.name), p]));
/** Other names documents use for a historical province. */
export const PROVINCE_ALSO_WRITTEN: readonly string[] = Object.keys(ALSO_WRITTEN);
for (const [written, name] of Object.entries(ALSO_WRITTEN)) historicalByKey.set(matchKey(written), historicalByKey.get(matchKey(name))!);
const currentByKey = new Map(CURRENT_UNITS.map((u) => [matchKey(u.name), u]));

/** A province as a document writes it, tone marks optional ("Huế" is Thừa Thiên Huế); null when unknown. */
export function historicalProvinceOf(province: string | null | undefined): HistoricalProvince | null {
  return province ? (historicalByKey.get(matchKey(province)) ?? null) : null;
}

/** The 2025 unit of a province as a document writes it ("Bình Thuận" → "Lâm Đồng"); null when unknown. */
export function currentProvinceOf(province: string | null | undefined): string | null {
  return historicalProvinceOf(province)?.current ?? null;
}

/** Whether a province name means a unit of 2025 (with its predecessors) or one province as written. */
export type ProvinceEra = 'current' | 'historical';

/**
 * The provinces, as documents write them, that a filter names, with or without tone marks. Read
 * as a 2025 unit (the default), a unit includes its predecessors ("Lâm Đồng" → Lâm Đồng, Đắk Nông,
 * Bình Thuận); a province merged away is itself ("binh thuan" → Bình Thuận). Read as historical
 * ("Lâm Đồng" as a heatmap column by province as written), a name is that province alone. A name
 * that is no province is kept as given, so it matches what is stored under it, if anything.
 */
export function provincesNamedBy(filter: string, era: ProvinceEra = 'current'): string[] {
  const key = matchKey(filter.replace(/^(?:tỉnh|tinh|thành phố|thanh pho|tp\.?)\s+/iu, ''));
  const unit = era === 'current' ? currentByKey.get(key) : undefined;
  const names = unit ? unit.predecessors : [historicalByKey.get(key)?.name].filter((n): n is string => !!n);
  if (names.length === 0) return [filter];
  return [...names, ...Object.keys(ALSO_WRITTEN).filter((w) => names.includes(ALSO_WRITTEN[w]!))];
}
