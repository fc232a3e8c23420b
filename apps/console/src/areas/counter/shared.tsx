import { Tag } from 'antd';
import { type Lang, useLang } from '../../lib/i18n';
import type { NetworkNode } from '../../lib/network';

const RANK: Record<string, number> = { township: 0, county: 1, city: 2 };
const LEVEL_ZH: Record<string, string> = { township: '乡镇办理', county: '县级办理', city: '市级办理' };
const LEVEL_EN: Record<string, string> = { township: 'township', county: 'county', city: 'city' };
const LEVEL_COLOR: Record<string, string> = { township: 'green', county: 'blue', city: 'purple' };

/** Where a matter is decided: 乡镇 / 县 / 市 办理. */
export function DecisionLevelTag({ level }: { level: string }) {
  const { lang } = useLang();
  return (
    <Tag color={LEVEL_COLOR[level] ?? 'default'} data-level={level}>
      {levelLabel(level, lang)}
    </Tag>
  );
}

export function levelLabel(level: string, lang: Lang): string {
  return (lang === 'zh' ? LEVEL_ZH : LEVEL_EN)[level] ?? level;
}

/**
 * The centre that decides a matter taken in here: this centre, or its nearest ancestor of the matter's
 * level (a township directly under a city has the city as its county-level centre).
 */
export function decidingCentre(nodes: NetworkNode[], here: string | undefined, level: string): NetworkNode | undefined {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  let cur = here ? byCode.get(here) : undefined;
  while (cur && (RANK[cur.tier] ?? 0) < (RANK[level] ?? 0)) cur = cur.parent ? byCode.get(cur.parent) : undefined;
  return cur;
}

/** 依情形提交 or 必备, in the reader's language. */
export function requirementLabel(code: string, lang: Lang): string {
  if (code === 'conditional') return lang === 'zh' ? '依情形提交' : 'in stated circumstances';
  return lang === 'zh' ? '必备' : 'required';
}

/** Prints one part of the page (the element with class tb-print-area) through the browser's dialog. */
export function printArea(): void {
  const body = document.body;
  body.classList.add('tb-print-area-only');
  const done = () => {
    body.classList.remove('tb-print-area-only');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}
