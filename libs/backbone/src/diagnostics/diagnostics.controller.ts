import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentStaff, Roles, type SignedInStaff } from '#libs/identity';
import { DiagnosticsService } from './diagnostics.service.js';
import { HoldDto, SendPingsDto } from './dto/send-pings.dto.js';

/** Operators' tools to prove and measure the path between nodes. */
@ApiTags('diagnostics')
@Roles('node_admin')
@Controller('diagnostics')
export class DiagnosticsController {
  constructor(private readonly service: DiagnosticsService) {}

  @Post('pings')
  @ApiOperation({ summary: 'Send ping events to the parent or a child node through the outbox' })
  send(@Body() dto: SendPingsDto, @CurrentStaff() staff: SignedInStaff) {
    return this.service.send(dto, actorOf(staff));
  }

  @Get('pings')
  @ApiOperation({ summary: 'Pings this node received, newest first' })
  list(@Query('limit') limit?: string, @Query('key') key?: string) {
    const n = Math.min(Math.max(Number.parseInt(limit ?? '50', 10) || 50, 1), 1000);
    return this.service.listReceived(n, key);
  }

  @Get('pings/summary')
  @ApiOperation({ summary: 'Count of received pings and whether each key arrived in order' })
  summary() {
    return this.service.summary();
  }

  @Post('holds')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hold a key: its pings fail (retryable) until released, to rehearse dead letters' })
  async hold(@Body() dto: HoldDto) {
    await this.service.hold(dto.key);
    return { key: dto.key, held: true };
  }

  @Delete('holds/:key')
  @ApiOperation({ summary: 'Release a held key' })
  async release(@Param('key') key: string) {
    await this.service.release(key);
    return { key, held: false };
  }
}
