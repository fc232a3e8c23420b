import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { nodePrincipal } from '#libs/contracts';
import { ClusterAdmin, type Kafka, createKafka } from '#libs/messaging';
import { type Known, LastKnown } from './last-known.js';
import { NodeContext } from './node-context.js';

/** A Kafka answer older than this no longer counts as the broker being up. */
const KAFKA_CHECK_STALE_SECONDS = 10;

/** The node's connection to Kafka: one client, shared by the outbox relay and the inbox consumer. */
@Injectable()
export class KafkaService implements OnApplicationShutdown {
  readonly kafka: Kafka;
  /** Kept open for the questions asked often: health, consumer lag. */
  readonly admin: ClusterAdmin;
  private readonly cluster: LastKnown<{ clusterId: string; brokers: number }>;

  constructor(ctx: NodeContext) {
    const env = ctx.env;
    const sasl =
      env.TONGBAN_KAFKA_SASL_MECHANISM === 'none'
        ? undefined
        : { mechanism: env.TONGBAN_KAFKA_SASL_MECHANISM, username: env.TONGBAN_KAFKA_USERNAME ?? nodePrincipal(env.TONGBAN_TOPIC_PREFIX, ctx.code), password: env.TONGBAN_KAFKA_PASSWORD ?? '' };
    this.kafka = createKafka({ brokers: env.brokers, clientId: `tongban-${ctx.code}`, sasl, tls: env.TONGBAN_KAFKA_TLS === '1' }, (level, message, extra) => {
      ctx.logger[level]({ component: 'kafka', ...extra }, message);
    });
    this.admin = new ClusterAdmin(this.kafka);
    this.cluster = new LastKnown(() => this.admin.describe(), { maxAgeMs: 2000, waitMs: 1000 });
  }

  /**
   * Whether a client can describe the cluster, from the last answer (asked again every two seconds,
   * waited for at most one): /health never hangs on a frozen broker, and shows how old its answer is.
   */
  async check(): Promise<{ ok: boolean; detail: Record<string, unknown> }> {
    const known: Known<{ clusterId: string; brokers: number }> = await this.cluster.get();
    const fresh = known.ageSeconds !== undefined && known.ageSeconds < KAFKA_CHECK_STALE_SECONDS;
    const ok = !known.error && fresh && (known.value?.brokers ?? 0) > 0;
    return { ok, detail: { clusterId: known.value?.clusterId, brokers: known.value?.brokers, ageSeconds: known.ageSeconds, error: known.error ?? (fresh ? undefined : 'no answer from the broker') } };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin.disconnect();
  }
}
