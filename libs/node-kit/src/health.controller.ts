import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthRegistry } from './health.registry.js';
import { MetricsService } from './metrics.service.js';
import { Public } from './public.decorator.js';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthRegistry,
    private readonly metrics: MetricsService,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Node health, up (200) or down (503) only; the details are at /health/details for the node administrator' })
  async check(@Res() res: Response): Promise<void> {
    const { healthy } = await this.health.check();
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'up' : 'down' });
  }

  @Public()
  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics' })
  async prometheus(@Res() res: Response): Promise<void> {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
