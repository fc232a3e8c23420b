// How the item's fields are named on the pages: the catalog's own Chinese names (libs/catalog field-problems).
import { dateTime } from '../../../lib/format';

const FIELD_ZH: Record<string, [string, string]> = {
  basicCode: ['基本编码', 'basic code'],
  implementationCode: ['实施编码', 'implementation code'],
  name: ['事项名称', 'name'],
  kindCode: ['事项类型', 'item kind'],
  department: ['实施主体', 'department'],
  decisionLevel: ['决定层级', 'decision level'],
  intakeLevels: ['受理层级', 'intake levels'],
  caseType: ['办件类型', 'case type'],
  legalTimeLimit: ['法定办结时限', 'legal time limit'],
  committedTimeLimit: ['承诺办结时限', 'committed time limit'],
  conditions: ['受理条件', 'conditions'],
  materials: ['申请材料', 'materials'],
  noMaterialsRequired: ['无需申请材料', 'no materials required'],
  legalBasis: ['设定依据', 'legal basis'],
  fee: ['收费', 'fee'],
  processSteps: ['办理流程', 'process steps'],
  specialProcedures: ['特别程序', 'special procedures'],
  maxVisits: ['到现场次数', 'most visits'],
  onlineAvailable: ['是否网办', 'online'],
  servedParties: ['服务对象', 'served parties'],
  channels: ['办理形式', 'channels'],
  place: ['办理地点', 'place'],
  hours: ['办理时间', 'hours'],
  enquiryPhone: ['咨询电话', 'enquiry phone'],
  complaintPhone: ['监督投诉电话', 'complaint phone'],
  faq: ['常见问题', 'FAQ'],
  keywords: ['关键词', 'keywords'],
  status: ['事项状态', 'status'],
  effectiveFrom: ['生效日期', 'effective from'],
  effectiveUntil: ['失效日期', 'effective until'],
};

/** The name of the field a path starts with: `materials[2].copies` → 申请材料. */
export function fieldName(path: string, lang: 'zh' | 'en'): string {
  const top = path.split(/[.[]/)[0] ?? path;
  const names = FIELD_ZH[top];
  return names ? names[lang === 'zh' ? 0 : 1] : top;
}

/** A value of a diff or a field, readable in a table cell: lists joined, objects as `key: value`, one entry a line. */
export function showValue(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(v) ? dateTime(v) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '（空）';
    return v.some((x) => typeof x === 'object' && x !== null) ? v.map(showValue).join('\n') : v.map(showValue).join('、');
  }
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${showValue(x)}`)
      .join('；');
  }
  return String(v);
}

const SCALAR_LISTS = new Set(['intakeLevels', 'servedParties', 'channels', 'specialProcedures', 'keywords', 'forms']);
const TEXT_LISTS: Record<string, string> = { conditions: 'conditionsText', legalBasis: 'legalBasisText' };
const GROUP_FIRST: Record<string, string> = { legalTimeLimit: 'days', committedTimeLimit: 'days', department: 'name', fee: 'charged' };

/** The form field a problem of the API names (`materials[1].copies` → materials, 1, copies); undefined for a whole list. */
export function formPath(field: string): (string | number)[] | undefined {
  const parts = (field.match(/[^.[\]]+|\[\d+\]/g) ?? []).map((p) => (p.startsWith('[') ? Number(p.slice(1, -1)) : p));
  const out: (string | number)[] = [];
  for (const p of parts) {
    if (typeof p === 'number' && typeof out[out.length - 1] === 'string' && SCALAR_LISTS.has(out[out.length - 1] as string)) break;
    if (typeof p === 'string' && out.length === 0 && TEXT_LISTS[p]) return [TEXT_LISTS[p]!];
    out.push(p);
  }
  if (out.length === 1 && typeof out[0] === 'string' && GROUP_FIRST[out[0]]) out.push(GROUP_FIRST[out[0]]!);
  if (out.length === 1 && (out[0] === 'materials' || out[0] === 'processSteps' || out[0] === 'faq')) return undefined;
  return out.length > 0 ? out : undefined;
}
