import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ClusterAdmin, type Kafka, createKafka } from '#libs/messaging';
import { NodeContext } from './node-context.js';

/** The node's connection to Kafka: one client, shared by the outbox relay and the inbox consumer. */
@Injectable()
export class KafkaService implements OnApplicationShutdown {
  readonly kafka: Kafka;
  /** Kept open for the questions asked often: health, consumer lag. */
  readonly admin: ClusterAdmin;
  private lastCheck?: { at: number; ok: boolean; detail: Record<string, unknown> };

  constructor(ctx: NodeContext) {
    const env = ctx.env;
    const sasl =
      env.TONGBAN_KAFKA_SASL_MECHANISM === 'none'
        ? undefined
        : { mechanism: env.TONGBAN_KAFKA_SASL_MECHANISM, username: env.TONGBAN_KAFKA_USERNAME ?? `${env.TONGBAN_TOPIC_PREFIX}.node.${ctx.code}`, password: env.TONGBAN_KAFKA_PASSWORD ?? '' };
    this.kafka = createKafka({ brokers: env.brokers, clientId: `tongban-${ctx.code}`, sasl, tls: env.TONGBAN_KAFKA_TLS === '1' }, (level, message, extra) => {
      ctx.logger[level]({ component: 'kafka', ...extra }, message);
    });
    this.admin = new ClusterAdmin(this.kafka);
  }

  /** Whether a client can describe the cluster; cached for two seconds so /health stays cheap. */
  async check(): Promise<{ ok: boolean; detail: Record<string, unknown> }> {
    if (this.lastCheck && Date.now() - this.lastCheck.at < 2000) return this.lastCheck;
    try {
      const c = await this.admin.describe();
      this.lastCheck = { at: Date.now(), ok: c.brokers > 0, detail: { clusterId: c.clusterId, brokers: c.brokers } };
    } catch (err) {
      this.lastCheck = { at: Date.now(), ok: false, detail: { error: (err as Error).message } };
    }
    return this.lastCheck;
  }

  async onApplicationShutdown(): Promise<void> {
    this.lastCheck = undefined;
    await this.admin.disconnect();
  }
}
