// The catalog's code lists, from their one source (libs/catalog/src/code-lists.ts: plain data, no
// imports), so a picker offers exactly what the node's validation takes. Store the code, show the label.
import {
  CASE_TYPES,
  CHANNELS,
  type CodeEntry,
  DECISION_LEVELS,
  ITEM_KINDS,
  ITEM_STATUSES,
  MATERIAL_FORMS,
  MATERIAL_REQUIREMENTS,
  SERVED_PARTIES,
  SPECIAL_PROCEDURES,
} from '../../../../../../libs/catalog/src/code-lists';
import type { Lang } from '../../../lib/i18n';

export { CASE_TYPES, CHANNELS, DECISION_LEVELS, ITEM_KINDS, ITEM_STATUSES, MATERIAL_FORMS, MATERIAL_REQUIREMENTS, SERVED_PARTIES, SPECIAL_PROCEDURES };

/** Options for a Select: the label in the page's language, the code as the value. */
export function optionsOf(list: readonly CodeEntry[], lang: Lang): { value: string; label: string }[] {
  return list.map((e) => ({ value: e.code, label: lang === 'zh' ? e.zh : e.en }));
}

/** A code's label in the page's language; the code itself when the list does not have it. */
export function labelIn(list: readonly CodeEntry[], code: string | null | undefined, lang: Lang): string {
  if (code === null || code === undefined) return '—';
  const e = list.find((x) => x.code === code);
  return e ? (lang === 'zh' ? e.zh : e.en) : code;
}

export const STATUS_COLOR: Record<string, string> = { draft: 'default', active: 'green', suspended: 'orange', cancelled: 'red', delegated: 'blue' };
