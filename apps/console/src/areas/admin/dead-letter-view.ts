import type { Lang } from '../../lib/i18n';

/**
 * A topic as people read it (docs/topics.md): `<prefix>.link.<from>.<to>` is the link from one node
 * to another, `<prefix>.catalog` the unified catalog, `<prefix>.catalog.<county>` a county's list.
 * Node codes are shown whole.
 */
export function describeTopic(topic: string, lang: Lang, self?: string): string {
  const zh = lang === 'zh';
  const mark = (code: string) => (code === self ? `${code}${zh ? '（本节点）' : ' (this node)'}` : code);
  const link = /\.link\.(\d{12})\.(\d{12})$/.exec(topic);
  if (link) return `${zh ? '链路' : 'link'} ${mark(link[1]!)} → ${mark(link[2]!)}`;
  const county = /\.catalog\.(\d{12})$/.exec(topic);
  if (county) return zh ? `县级实施清单 ${mark(county[1]!)}` : `county list ${mark(county[1]!)}`;
  if (/\.catalog$/.test(topic)) return zh ? '统一事项目录' : 'unified catalog';
  if (/\.deadletter$/.test(topic)) return zh ? '死信主题' : 'dead-letter topic';
  return topic;
}

/**
 * The parked value split for reading: an event envelope's fields but the payload (its headers: id,
 * type, source, target, key, actor ...) and the payload; `headers` is null when the value is not
 * JSON, and `payload` undefined when it has none (the raw value is shown instead).
 */
export function splitEnvelope(value: string): { headers: Record<string, unknown> | null; payload: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { headers: null, payload: undefined };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { headers: null, payload: parsed };
  const { payload, ...headers } = parsed as Record<string, unknown>;
  return { headers, payload: payload === undefined ? undefined : payload };
}
