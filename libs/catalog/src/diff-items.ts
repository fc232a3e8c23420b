/** One changed field between two versions of an item, for the audit and diff views. */
export interface FieldChange {
  /** Dotted path as in validation problems: `materials[2].copies`, `fee.basis`, `keywords`. */
  path: string;
  /** Absent on one side is `undefined`. */
  before: unknown;
  after: unknown;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isAbsent = (v: unknown): boolean => v === undefined || v === null;

/**
 * The fields that differ between two versions of an item, in field order. Nested objects are
 * compared field by field; lists of objects (materials, steps, FAQ) entry by entry, matched by name
 * (or question) when every entry has a distinct one, otherwise by position, with an added or removed
 * entry reported whole; lists of codes or words (keywords, channels) as one value.
 * `undefined` and `null` both mean absent and are equal.
 */
export function diffItems(before: object, after: object): FieldChange[] {
  return diffValues(before, after, '');
}

function diffValues(a: unknown, b: unknown, path: string): FieldChange[] {
  if (isAbsent(a) && isAbsent(b)) return [];
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffValues(a[k], b[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(a) && Array.isArray(b) && [...a, ...b].some(isRecord)) {
    const keyed = byKey(a, b, path);
    if (keyed) return keyed;
    const length = Math.max(a.length, b.length);
    return Array.from({ length }, (_, i) => diffValues(a[i], b[i], `${path}[${i}]`)).flat();
  }
  return sameValue(a, b) ? [] : [{ path, before: a ?? undefined, after: b ?? undefined }];
}

const keyOf = (v: unknown): string | undefined => {
  if (!isRecord(v)) return undefined;
  const k = v.name ?? v.question;
  return typeof k === 'string' ? k : undefined;
};

/**
 * Entries matched by name, so that inserting a material at the top does not show every later one
 * as changed. Undefined when some entry has no name or two share one: then position decides.
 */
function byKey(a: unknown[], b: unknown[], path: string): FieldChange[] | undefined {
  const keysA = a.map(keyOf);
  const keysB = b.map(keyOf);
  const distinct = (keys: (string | undefined)[]): boolean => keys.every((k) => k !== undefined) && new Set(keys).size === keys.length;
  if (!distinct(keysA) || !distinct(keysB)) return undefined;
  const out: FieldChange[] = [];
  b.forEach((entry, i) => {
    const j = keysA.indexOf(keysB[i]);
    out.push(...(j < 0 ? [{ path: `${path}[${i}]`, before: undefined, after: entry }] : diffValues(a[j], entry, `${path}[${i}]`)));
  });
  a.forEach((entry, j) => {
    if (!keysB.includes(keysA[j])) out.push({ path: `${path}[${j}]`, before: entry, after: undefined });
  });
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (isRecord(a) && isRecord(b)) return diffValues(a, b, '').length === 0;
  return Object.is(a, b) || (isAbsent(a) && isAbsent(b));
}
