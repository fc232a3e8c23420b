import type { FormInstance } from 'antd';
import { ApiError } from '../../lib/api';
import type { Lang } from '../../lib/i18n';

type Name = string | (string | number)[];

/**
 * Puts the node's field problems at the form's fields (`place` says which field a problem's name
 * belongs to, or null) and returns what to show in the form's alert: the node's message, with the
 * problems no field could take spelled out.
 */
export function showProblems(form: FormInstance, err: unknown, lang: Lang, place: (field: string) => Name | null): string {
  if (!(err instanceof ApiError)) return lang === 'zh' ? '无法连接本节点，请稍后重试' : 'The node cannot be reached; try again';
  const byField = new Map<string, { name: Name; errors: string[] }>();
  const left: string[] = [];
  for (const p of err.errors) {
    const text = (lang === 'zh' ? p.message : p.messageEn) || p.message || p.messageEn;
    const name = place(p.field);
    if (name === null) {
      left.push(text);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(text);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  const head = lang === 'zh' ? err.messageZh || err.messageEn : err.messageEn || err.messageZh;
  return left.length > 0 ? `${head}：${left.join('；')}` : head;
}

/** The index in `backups[2].staffId` or `backups.2.staffId`, or null for another field. */
export function backupIndex(field: string): number | null {
  const m = /^backups(?:\[(\d+)\]|\.(\d+))/.exec(field);
  return m ? Number(m[1] ?? m[2]) : null;
}
