import { Injectable } from '@nestjs/common';
import { type EventDefinition, type EventEnvelope, EventRegistry, linksOf, nodeGroup, originOf } from '#libs/contracts';
import { type IncomingMessage, readTopicsToEnd, type ReadToEndResult } from '#libs/messaging';
import { KafkaService, NodeContext } from '#libs/node-kit';

export interface LinkLogRead extends ReadToEndResult {
  topics: number;
  /** Messages not used, by the code the inbox would have parked (or skipped) them with. */
  refused: Record<string, number>;
}

export interface LinkLogOptions {
  /** Names the read's consumer group, under the city's own. */
  purpose: string;
  /** Each fetched batch of one link, in order: the messages the inbox would have taken, as envelopes. */
  onBatch: (events: Array<{ env: EventEnvelope; definition: EventDefinition }>, refuse: (code: string) => void) => Promise<void>;
  onProgress?: (read: number, total: number) => void;
}

/**
 * The network's event log as the city can read it again: every link topic of the topology (the city's
 * own included), from the first message kept to the end each had when the read began. Each message is
 * checked as the inbox checks it: the sender is the topic's only writer, the envelope and payload are
 * the registry's, the event travels on links. What fails is counted, never used.
 */
@Injectable()
export class LinkLogReader {
  constructor(
    private readonly ctx: NodeContext,
    private readonly kafka: KafkaService,
    private readonly registry: EventRegistry,
  ) {}

  async read(id: string, opts: LinkLogOptions): Promise<LinkLogRead> {
    const topics = linksOf(this.ctx.topology).map(([from, to]) => this.ctx.topics.link(from, to));
    const refused: Record<string, number> = {};
    const refuse = (code: string) => {
      refused[code] = (refused[code] ?? 0) + 1;
    };
    const result = await readTopicsToEnd(this.kafka.kafka, {
      groupId: `${nodeGroup(this.ctx.env.TONGBAN_TOPIC_PREFIX, this.ctx.code)}.${opts.purpose}.${id}`,
      topics,
      onBatch: async (messages) => {
        const events: Array<{ env: EventEnvelope; definition: EventDefinition }> = [];
        for (const msg of messages) {
          const e = this.check(msg, refuse);
          if (e) events.push(e);
        }
        await opts.onBatch(events, refuse);
      },
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
    return { ...result, topics: topics.length, refused };
  }

  private check(msg: IncomingMessage, refuse: (code: string) => void): { env: EventEnvelope; definition: EventDefinition } | undefined {
    const origin = originOf(this.ctx.topics, this.ctx.topology, msg.topic);
    if (!origin || origin.channel !== 'link') return void refuse('UNKNOWN_CHANNEL');
    const parsed = this.registry.parse(msg.value);
    if (!parsed.ok) return void refuse(parsed.code);
    if (parsed.envelope.source !== origin.writer) return void refuse('SOURCE_MISMATCH');
    if (parsed.definition.channel !== origin.channel) return void refuse('WRONG_CHANNEL');
    return { env: parsed.envelope, definition: parsed.definition };
  }
}
