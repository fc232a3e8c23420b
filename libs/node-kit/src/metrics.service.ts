import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { NodeContext } from './node-context.js';

/** One Prometheus registry per node process, labelled with the node code. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  constructor(ctx: NodeContext) {
    this.registry.setDefaultLabels({ node: ctx.code, tier: ctx.tier });
    collectDefaultMetrics({ register: this.registry, prefix: 'tongban_' });
  }
}
