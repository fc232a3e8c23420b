import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type Kafka, createKafka, describeCluster, ensureTopics, type TopicSpec } from '#libs/messaging';
import { NodeContext } from './node-context.js';

/** The node's connection to Kafka: one client, shared by the outbox relay and the inbox consumer. */
@Injectable()
export class KafkaService implements OnApplicationShutdown {
  readonly kafka: Kafka;
  private lastCheck?: { at: number; ok: boolean; detail: Record<string, unknown> };

  constructor(ctx: NodeContext) {
    this.kafka = createKafka({ brokers: ctx.env.brokers, clientId: `tongban-${ctx.code}` }, (level, message, extra) => {
      ctx.logger[level]({ component: 'kafka', ...extra }, message);
    });
  }

  ensureTopics(specs: TopicSpec[]): Promise<string[]> {
    return ensureTopics(this.kafka, specs);
  }

  /** Whether a client can describe the cluster; cached for two seconds so /health stays cheap. */
  async check(): Promise<{ ok: boolean; detail: Record<string, unknown> }> {
    if (this.lastCheck && Date.now() - this.lastCheck.at < 2000) return this.lastCheck;
    try {
      const c = await describeCluster(this.kafka);
      this.lastCheck = { at: Date.now(), ok: c.brokers > 0, detail: { clusterId: c.clusterId, brokers: c.brokers } };
    } catch (err) {
      this.lastCheck = { at: Date.now(), ok: false, detail: { error: (err as Error).message } };
    }
    return this.lastCheck;
  }

  onApplicationShutdown(): void {
    this.lastCheck = undefined;
  }
}
