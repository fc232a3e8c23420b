import { Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError } from '../../lib/api';
import { LIGHT_COLOR, type Light } from '../../lib/format';
import type { Lang } from '../../lib/i18n';
import type { OrderStatus } from './types';

/** 27 characters: 26 digits and a check digit or X (libs/cases CASE_NUMBER). */
export const CASE_NUMBER = /^\d{26}[\dX]$/;

/** The words of any error, in the reader's language (a node's zh/en message and field problems). */
export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof ApiError) return e.text(lang);
  if (e instanceof TypeError) return lang === 'zh' ? '无法连接本节点，请稍后重试' : 'The node cannot be reached; try again';
  return e instanceof Error ? e.message : String(e);
}

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;

/** The Beijing calendar day of an instant (YYYY-MM-DD). */
export function beijingDay(at: Date = new Date()): string {
  return new Date(at.getTime() + BEIJING_MS).toISOString().slice(0, 10);
}

/** The day `n` calendar days before `day` (YYYY-MM-DD). */
export function daysBefore(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);
}

/** HH:mm:ss in Beijing time. */
export function beijingTime(at: Date | string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return new Date(d.getTime() + BEIJING_MS).toISOString().slice(11, 19);
}

/** A dot of the light's colour and, unless `bare`, its words. */
export function LightDot({ light, lang, bare = false, testId }: { light: Light | string | null | undefined; lang: Lang; bare?: boolean; testId?: string }) {
  const code = (light ?? 'none') as Light;
  const zh: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '未计时' };
  const en: Record<Light, string> = { green: 'green', yellow: 'yellow', red: 'red', none: 'no clock' };
  return (
    <span data-testid={testId} data-light={code} style={{ whiteSpace: 'nowrap' }}>
      <span className="tb-light" style={{ background: LIGHT_COLOR[code] ?? LIGHT_COLOR.none }} />
      {!bare && (lang === 'zh' ? zh[code] : en[code])}
    </span>
  );
}

export const ORDER_STATUS: Record<OrderStatus, { zh: string; en: string; color: string }> = {
  open: { zh: '待反馈', en: 'open', color: 'blue' },
  answered: { zh: '已反馈', en: 'answered', color: 'green' },
  overdue: { zh: '逾期未反馈', en: 'overdue', color: 'red' },
};

export function OrderStatusTag({ status, lang }: { status: OrderStatus; lang: Lang }) {
  const s = ORDER_STATUS[status] ?? { zh: status, en: status, color: 'default' };
  return (
    <Tag color={s.color} data-status={status}>
      {lang === 'zh' ? s.zh : s.en}
    </Tag>
  );
}

/** What happened to an order (supervision_order_step.action). */
export const ORDER_ACTION: Record<string, { zh: string; en: string }> = {
  issued: { zh: '发出督办', en: 'issued' },
  received: { zh: '承办节点收到', en: 'received by the holder' },
  answered: { zh: '反馈', en: 'answered' },
  answered_late: { zh: '逾期后反馈', en: 'answered after its date' },
  overdue: { zh: '逾期未反馈', en: 'gone overdue' },
  reissued: { zh: '再次督办', en: 'issued again' },
  flagged: { zh: '列入监察建议', en: 'flagged for a supervision recommendation' },
};

export const ROLE_LABEL: Record<string, { zh: string; en: string }> = {
  township_clerk: { zh: '综合窗口', en: 'township clerk' },
  county_operator: { zh: '审批窗口', en: 'county operator' },
  city_coordinator: { zh: '市级协调员', en: 'city coordinator' },
  city_approver: { zh: '市级审批员', en: 'city approver' },
  catalog_editor: { zh: '目录编辑', en: 'catalog editor' },
  auditor: { zh: '纪检监察员', en: 'auditor' },
  node_admin: { zh: '节点管理员', en: 'node administrator' },
  system: { zh: '系统', en: 'system' },
};

export function roleLabel(role: string | null | undefined, lang: Lang): string {
  if (!role) return '—';
  const r = ROLE_LABEL[role];
  return r ? (lang === 'zh' ? r.zh : r.en) : role;
}

export const LEVEL_LABEL: Record<string, { zh: string; en: string }> = {
  township: { zh: '乡镇', en: 'township' },
  in_transit: { zh: '传递途中', en: 'in transit' },
  county: { zh: '县（区）', en: 'county' },
  city: { zh: '市', en: 'city' },
};

/** A share (0..1) as a percentage with one decimal; a dash when there is nothing to measure. */
export function percent(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;
}

/** A case number in a table row: opens the city's view of the case without also opening the row. */
export function CaseNumberLink({ caseNumber }: { caseNumber: string }) {
  const navigate = useNavigate();
  return (
    <Typography.Link
      className="tb-case-no"
      onClick={(e) => {
        e.stopPropagation();
        navigate(`/city/cases/${caseNumber}`);
      }}
    >
      {caseNumber}
    </Typography.Link>
  );
}
