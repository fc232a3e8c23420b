import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthRegistry } from './health.registry.js';
import { MetricsService } from './metrics.service.js';
import { NodeContext } from './node-context.js';
import { Public } from './public.decorator.js';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly ctx: NodeContext,
    private readonly health: HealthRegistry,
    private readonly metrics: MetricsService,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Node health: database, Kafka, consumer and backbone state (503 when any is down)' })
  async check(@Res() res: Response): Promise<void> {
    const { healthy, checks } = await this.health.check();
    res.status(healthy ? 200 : 503).json({
      status: healthy ? 'up' : 'down',
      node: this.ctx.code,
      name: this.ctx.self.name,
      tier: this.ctx.tier,
      instance: this.ctx.instanceId,
      uptimeSeconds: Math.round(process.uptime()),
      checks,
    });
  }

  @Public()
  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics' })
  async prometheus(@Res() res: Response): Promise<void> {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
