import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthRegistry, NodeContext } from '#libs/node-kit';
import { Roles } from '../access/roles.decorator.js';

/**
 * What the node checks, for its administrators: the public `/health` says only up or down, because
 * broker addresses, backlogs and consumer state tell an outsider how the node is built and loaded.
 */
@ApiTags('health')
@Controller('health')
export class HealthDetailsController {
  constructor(
    private readonly ctx: NodeContext,
    private readonly health: HealthRegistry,
  ) {}

  @Get('details')
  @Roles('node_admin')
  @ApiOperation({ summary: 'Node health in detail: database, Kafka, consumer, outbox backlog, dead letters, catalog (503 when any is down)' })
  async details(@Res() res: Response): Promise<void> {
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
}
