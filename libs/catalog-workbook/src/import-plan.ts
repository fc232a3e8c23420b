/** What importing a row does to its item: a new draft, a changed draft, or nothing. */
export type ImportOutcome = 'created' | 'updated' | 'unchanged';

/** Set at publication whatever a draft says: a row differing only there needs no draft. */
const SET_BY_PUBLICATION = new Set(['status', 'effectiveFrom']);

/** The value as jsonb keeps it: keys sorted, null and absent alike; list order kept (a checklist's order matters). */
function canonical(v: unknown, drop: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(v)) return v.map((x) => canonical(x));
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .filter((k) => o[k] !== undefined && o[k] !== null && !drop.has(k))
        .sort()
        .map((k) => [k, canonical(o[k])]),
    );
  }
  return v;
}

/** Two items with the same content as stored. */
export function sameItem(a: object, b: object, ignoring: ReadonlySet<string> = new Set()): boolean {
  return JSON.stringify(canonical(a, ignoring)) === JSON.stringify(canonical(b, ignoring));
}

/**
 * What a row becomes: with a draft of the item, the draft is updated unless the row equals it; with
 * none, a draft is created unless the row says what is published already (status and effective
 * date aside, which the publication sets).
 */
export function importOutcome(row: object, draft: object | undefined, published: object | undefined): ImportOutcome {
  if (draft) return sameItem(draft, row) ? 'unchanged' : 'updated';
  return published && sameItem(published, row, SET_BY_PUBLICATION) ? 'unchanged' : 'created';
}
