/**
 * The topic layout, declared once. See docs/topics.md for the reasons.
 * - `<prefix>.area.<code>`: traffic between a city or county node and the nodes directly under
 *   it. A township reads only its parent's area topic, never the whole city's traffic.
 * - `<prefix>.catalog`: the city's unified catalog, compacted and keyed by item code.
 * - `<prefix>.catalog.<county>`: a county's implementation list and county-only items, compacted.
 * - `<prefix>.status`: nodes' status reports to the city (catalog version applied).
 * - `<prefix>.deadletter`: messages a node parked, with the reason; read by operators.
 */
export interface TopicSpecification {
  name: string;
  partitions: number;
  config: Record<string, string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class Topics {
  constructor(readonly prefix: string) {}

  area(code: string): string {
    return `${this.prefix}.area.${code}`;
  }

  get catalog(): string {
    return `${this.prefix}.catalog`;
  }

  /** A county's implementation list and county-only items, for that county and its townships. */
  countyCatalog(countyCode: string): string {
    return `${this.prefix}.catalog.${countyCode}`;
  }

  /** Status reports from every node to the city (e.g. the catalog version a node applied). */
  get status(): string {
    return `${this.prefix}.status`;
  }

  get deadLetter(): string {
    return `${this.prefix}.deadletter`;
  }

  /** Matches every area topic: the city's monitor reads them all. */
  get allAreas(): RegExp {
    return new RegExp(`^${this.prefix.replace(/[.-]/g, '\\$&')}\\.area\\.\\d{12}$`);
  }

  areaSpec(code: string): TopicSpecification {
    // Thirty days: a township whose link is down for weeks still finds its messages waiting.
    return { name: this.area(code), partitions: 6, config: { 'retention.ms': String(30 * DAY_MS), 'cleanup.policy': 'delete' } };
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

  statusSpec(): TopicSpecification {
    return { name: this.status, partitions: 3, config: { 'retention.ms': String(7 * DAY_MS), 'cleanup.policy': 'delete' } };
  }

  deadLetterSpec(): TopicSpecification {
    return { name: this.deadLetter, partitions: 3, config: { 'retention.ms': String(90 * DAY_MS), 'cleanup.policy': 'delete' } };
  }
}
