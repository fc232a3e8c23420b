import type { CatalogItemInput, CountyItemView, MaterialInput } from '#libs/catalog';

/** One material the applicant brought, as the clerk records it at the counter. */
export interface BroughtMaterial {
  name: string;
  originals: number;
  copies: number;
  /** An electronic copy (电子件) was supplied, e.g. from the licence library. */
  electronic?: boolean;
}

export type MissingReason = 'absent' | 'too_few_originals' | 'too_few_copies';

export interface MissingMaterial {
  name: string;
  reason: MissingReason;
  /** What the checklist asks for, for the one-time notice to state it. */
  originals: number;
  copies: number;
}

export interface MaterialsCheck {
  complete: boolean;
  missing: MissingMaterial[];
  /** Brought but not on the item's list: kept with the case, never a reason to refuse. */
  unexpected: string[];
}

/**
 * Checks what was brought against the item's checklist as the intake node sees it: the city item,
 * or the county's implementation-list view of it (a county changes limits and places, not materials).
 * Conditional materials (依情形提交) count only when the clerk marks their circumstance as applying.
 */
export function checkMaterials(
  item: Pick<CatalogItemInput | CountyItemView, 'materials'>,
  brought: readonly BroughtMaterial[],
  applyingConditions: readonly string[] = [],
): MaterialsCheck {
  const byName = new Map(brought.map((b) => [b.name.trim(), b]));
  const needed = item.materials.filter((m) => m.requirement === 'required' || applyingConditions.includes(m.name));
  const missing = needed.flatMap((m) => {
    const reason = shortfall(m, byName.get(m.name.trim()));
    return reason === undefined ? [] : [{ name: m.name, reason, originals: m.originals, copies: m.copies }];
  });
  const known = new Set(item.materials.map((m) => m.name.trim()));
  const unexpected = [...byName.keys()].filter((n) => !known.has(n));
  return { complete: missing.length === 0, missing, unexpected };
}

function shortfall(m: MaterialInput, b: BroughtMaterial | undefined): MissingReason | undefined {
  if (b === undefined) return 'absent';
  if (b.electronic === true && m.forms.includes('electronic')) return undefined;
  if (b.originals < m.originals) return 'too_few_originals';
  if (b.copies < m.copies) return 'too_few_copies';
  if (b.originals + b.copies === 0 && b.electronic !== true) return 'absent';
  return undefined;
}

/** The names to list on the one-time notice, and to pass as `missing` to the intake actions. */
export function missingNames(check: MaterialsCheck): string[] {
  return check.missing.map((m) => m.name);
}
