import type { Logger } from 'pino';
import { type NodeEnv, type Tier, type TopologyIndex, type TopologyNode } from '#libs/config';
import { nodeGroup, Topics } from '#libs/contracts';

/** Everything a node knows about itself, built once at start and injected where needed. */
export class NodeContext {
  readonly topics: Topics;
  readonly instanceId: string;

  constructor(
    readonly env: NodeEnv,
    readonly topology: TopologyIndex,
    readonly self: TopologyNode,
    readonly logger: Logger,
  ) {
    this.topics = new Topics(env.TONGBAN_TOPIC_PREFIX);
    this.instanceId = env.TONGBAN_INSTANCE_ID ?? `${self.code}-${process.pid}`;
  }

  get code(): string {
    return this.self.code;
  }
  get tier(): Tier {
    return this.self.tier;
  }
  get databaseUrl(): string {
    return this.env.databaseUrl(this.self.database);
  }
  get consumerGroup(): string {
    return nodeGroup(this.env.TONGBAN_TOPIC_PREFIX, this.self.code);
  }
  get httpPort(): number {
    return this.env.TONGBAN_HTTP_PORT ?? this.self.httpPort;
  }
}
