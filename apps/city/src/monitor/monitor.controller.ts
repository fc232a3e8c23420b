import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { localDate } from '#libs/cases';
import { InvalidInputError, NotFoundError } from '#libs/domain';
import { Roles } from '#libs/identity';
import { MonitorRepository } from '#libs/monitor';
import { Clock, NodeContext } from '#libs/node-kit';
import { CountsQuery, NodeCasesQuery, OverdueQuery, TrendsQuery } from './dto/monitor.query.js';
import { type MonitorGrid, monitorGrid } from './monitor-grid.js';
import { MonitorRebuildService } from './monitor-rebuild.service.js';

const READERS = ['city_coordinator', 'auditor', 'node_admin'] as const;

function nodeCode(code: string): string {
  if (!/^\d{12}$/.test(code)) throw new InvalidInputError('节点代码须为 12 位数字', 'A node code is 12 digits', { field: 'code', value: code });
  return code;
}

/** The city monitor (电子监察): every case in the network, as the city observed it. */
@ApiTags('monitor')
@Controller('monitor')
export class MonitorController {
  constructor(
    private readonly monitor: MonitorRepository,
    private readonly rebuilds: MonitorRebuildService,
    private readonly ctx: NodeContext,
    private readonly clock: Clock,
  ) {}

  @Get('grid')
  @Roles(...READERS)
  @ApiOperation({ summary: "The wall screen's one read: every centre of the topology (name, tier, parent) with its live cases by light, and the network's totals" })
  async grid(): Promise<MonitorGrid> {
    const now = this.clock.now();
    return monitorGrid(this.ctx.topology.topology.nodes, await this.monitor.nodeLines(), now.toISOString(), localDate(now));
  }

  @Get('counts')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Cases by holder node, status and light: the network, a county-level area, or one node' })
  counts(@Query() q: CountsQuery) {
    return this.monitor.counts(q);
  }

  @Get('overdue')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Red live cases, oldest due date first (keyset pages: pass `next` as `after`)' })
  overdue(@Query() q: OverdueQuery) {
    return this.monitor.overdue(q);
  }

  @Get('nodes/:code/cases')
  @Roles(...READERS)
  @ApiOperation({ summary: "One holder node's live cases by due date, all or of one light" })
  nodeCases(@Param('code') code: string, @Query() q: NodeCasesQuery) {
    return this.monitor.liveAt(nodeCode(code), q);
  }

  @Get('trends')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Received, accepted, closed and closed late, day by day (at most 366 days)' })
  trends(@Query() q: TrendsQuery) {
    return this.monitor.trends(q);
  }

  @Get('cases/:caseNumber')
  @Roles(...READERS)
  @ApiOperation({ summary: "One case's row in the monitor" })
  async one(@Param('caseNumber') caseNumber: string) {
    const row = /^\d{26}[\dX]$/.test(caseNumber) ? await this.monitor.get(caseNumber) : undefined;
    if (!row) throw new NotFoundError(`监察视图中没有办件 ${caseNumber}`, `the monitor has no case ${caseNumber}`);
    return row;
  }

  @Post('rebuild')
  @HttpCode(202)
  @Roles('node_admin')
  @ApiOperation({ summary: 'Drops the monitor and rebuilds it from Kafka in the background; follow it with GET /monitor/rebuild' })
  rebuild() {
    return this.rebuilds.start();
  }

  @Get('rebuild')
  @Roles('node_admin')
  @ApiOperation({ summary: 'The progress of the last rebuild since the city started' })
  rebuildProgress() {
    const p = this.rebuilds.progress();
    if (!p) throw new NotFoundError('本次启动以来没有重建过监察视图', 'The monitor has not been rebuilt since the city started');
    return p;
  }
}
