import { LightTag } from '../../components/case/CaseView';
import { api, type RequestOptions } from '../../lib/api';
import { lightLabel } from '../../lib/format';
import type { CaseDetail, CaseListItem, CasePage, LightLabel } from '../../components/case/types';

/** The statuses in which a case waits for the holder's staff: what GET /cases/inbox lists. */
export const WAITING_STATUSES = ['accepted', 'in_transit_up', 'under_review', 'awaiting_correction', 'special_procedure', 'awaiting_delivery', 'materials_complete', 'awaiting_materials'];

/** A case still under way: not yet delivered, rated or withdrawn. */
export const LIVE_STATUSES = [
  'received',
  'awaiting_materials',
  'materials_complete',
  'accepted',
  'in_transit_up',
  'under_review',
  'awaiting_correction',
  'special_procedure',
  'approved',
  'denied',
  'not_accepted',
  'result_in_transit_down',
  'awaiting_delivery',
];

export const LIGHTS = ['red', 'yellow', 'green'] as const;
export type LightCode = (typeof LIGHTS)[number];

/** A light's label as the API gives it, for a light the console only knows by its code. */
export function lightOf(code: LightCode): LightLabel {
  return { code, labelZh: lightLabel(code, 'zh'), labelEn: lightLabel(code, 'en') };
}

/**
 * A page of cases with their lights. A node that lists cases without lights (an older release) is asked
 * once per light with the same filter, and the light its sweep stored is set on each row; the step's
 * light and deadline stay unknown there.
 */
export async function casesWithLights(path: string, query: RequestOptions['query'], filterForLights: RequestOptions['query']): Promise<CasePage> {
  const page = await api<CasePage>(path, { query });
  if (page.items.length === 0 || page.items.every((c) => 'light' in c)) return page;
  const byNumber = new Map<string, LightLabel>();
  await Promise.all(
    LIGHTS.map(async (light) => {
      const lit = await api<CasePage>('/cases', { query: { ...filterForLights, light, limit: 500 } });
      for (const c of lit.items) byNumber.set(c.caseNumber, lightOf(light));
    }),
  );
  return { ...page, items: page.items.map((c): CaseListItem => ({ ...c, light: byNumber.get(c.caseNumber) ?? null })) };
}

/** 行政许可 (item kind 01, the first two digits of the implementation code): reviewed by one, decided by another. */
export function isLicence(itemCode: string): boolean {
  return itemCode.startsWith('01');
}

/** A staff member's name as the case's timeline records it (their id when they have not acted on it). */
export function actorName(detail: CaseDetail, staffId: string | null | undefined): string | null {
  if (!staffId) return null;
  return detail.timeline.find((s) => s.actor.id === staffId)?.actor.name ?? staffId;
}

/** A list's light cell: the case's light on one line, or a dash once the case is decided (its clock stopped). */
export function LightCell({ c }: { c: CaseListItem }) {
  if (c.decidedAt) return <>—</>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <LightTag light={c.light} />
    </span>
  );
}

/** A centre's name without its kind (掌政镇便民服务中心 → 掌政镇), for narrow columns. */
export function shortName(name: string): string {
  return name.replace(/(便民服务中心|政务服务中心|市民大厅)$/, '') || name;
}
