/**
 * The topic layout, declared once. See docs/topics.md for the reasons.
 * - `<prefix>.link.<from>.<to>`: one topic for each direction of each parent-child link, and one
 *   from the city to every node below its counties. Its only writer is `<from>` (the broker's ACLs
 *   enforce it), so a reader knows the true sender from the topic; its readers are `<to>` and the
 *   city, which observes every channel.
 * - `<prefix>.catalog`: the city's unified catalog, compacted and keyed by item code; only the city
 *   writes it, every node reads it.
 * - `<prefix>.catalog.<county>`: a county's implementation list and county-only items, compacted;
 *   only that county writes it, its townships (and the city) read it.
 * - `<prefix>.deadletter`: messages a node parked, with the reason; every node writes, operators read.
 */
export interface TopicSpecification {
  name: string;
  partitions: number;
  config: Record<string, string>;
}

/** What a topic is, and so who alone may have written it. */
export type TopicKind = { kind: 'link'; from: string; to: string } | { kind: 'catalog' } | { kind: 'county-catalog'; county: string } | { kind: 'deadletter' };

const DAY_MS = 24 * 60 * 60 * 1000;
const CODE = '(\\d{12})';

export class Topics {
  private readonly pattern: RegExp;

  constructor(readonly prefix: string) {
    const p = prefix.replace(/[.-]/g, '\\$&');
    this.pattern = new RegExp(`^${p}\\.(?:link\\.${CODE}\\.${CODE}|catalog(?:\\.${CODE})?|(deadletter))$`);
  }

  /** The channel from one node to another: written by `from` alone. */
  link(from: string, to: string): string {
    return `${this.prefix}.link.${from}.${to}`;
  }

  get catalog(): string {
    return `${this.prefix}.catalog`;
  }

  /** A county's implementation list and county-only items, for that county and its townships. */
  countyCatalog(countyCode: string): string {
    return `${this.prefix}.catalog.${countyCode}`;
  }

  get deadLetter(): string {
    return `${this.prefix}.deadletter`;
  }

  /** Reads a topic's name back: which kind it is and who wrote it; undefined for a foreign topic. */
  kindOf(topic: string): TopicKind | undefined {
    const m = this.pattern.exec(topic);
    if (!m) return undefined;
    if (m[1] && m[2]) return { kind: 'link', from: m[1], to: m[2] };
    if (m[3]) return { kind: 'county-catalog', county: m[3] };
    if (m[4]) return { kind: 'deadletter' };
    return { kind: 'catalog' };
  }

  linkSpec(from: string, to: string): TopicSpecification {
    // One partition: a link carries one centre's traffic, in order; thirty days, so a township whose
    // link is down for weeks still finds its messages waiting.
    return { name: this.link(from, to), partitions: 1, config: { 'retention.ms': String(30 * DAY_MS), 'cleanup.policy': 'delete' } };
  }

  catalogSpec(): TopicSpecification {
    // Compacted: the latest record per item code is kept for good, so a new node bootstraps from it.
    return {
      name: this.catalog,
      partitions: 3,
      config: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': String(60 * 60 * 1000), 'segment.ms': String(DAY_MS) },
    };
  }

  countyCatalogSpec(countyCode: string): TopicSpecification {
    return { ...this.catalogSpec(), name: this.countyCatalog(countyCode), partitions: 1 };
  }

  deadLetterSpec(): TopicSpecification {
    return { name: this.deadLetter, partitions: 3, config: { 'retention.ms': String(90 * DAY_MS), 'cleanup.policy': 'delete' } };
  }
}
