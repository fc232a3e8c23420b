import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, CurrentStaff, Roles, type SignedInStaff } from '#libs/identity';
import { DeadLetterService } from './dead-letter.service.js';
import { ListDeadLettersQuery } from './dto/list-dead-letters.query.js';
import { ReplayDeadLettersDto } from './dto/replay-dead-letters.dto.js';

/** Parked messages of this node (死信), for operators. */
@ApiTags('dead-letters')
@Roles('node_admin')
@Controller('dead-letters')
export class DeadLetterController {
  constructor(private readonly service: DeadLetterService) {}

  @Get()
  @ApiOperation({ summary: 'List parked messages (oldest first)' })
  list(@Query() q: ListDeadLettersQuery) {
    return this.service.list(q.status, q.limit, q.offset);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One parked message with its raw value and error' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.show(id);
  }

  @Post('replay')
  @HttpCode(200)
  @Audited('dead-letter.replayed-all', { subjectType: 'dead-letter' })
  @ApiOperation({ summary: 'Replay the parked messages named by `ids` (or, without `ids`, every parked one) through the inbox' })
  replayMany(@Body() dto: ReplayDeadLettersDto, @CurrentStaff() staff: SignedInStaff) {
    return dto.ids ? this.service.replayOnly(dto.ids, staff.id) : this.service.replayAll(staff.id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Audited('dead-letter.replayed', { subjectType: 'dead-letter', subjectParam: 'id' })
  @ApiOperation({ summary: 'Replay one parked message through the inbox (never applies twice)' })
  replay(@Param('id', new ParseUUIDPipe()) id: string, @CurrentStaff() staff: SignedInStaff) {
    return this.service.replay(id, staff.id);
  }

  @Post(':id/discard')
  @HttpCode(200)
  @Audited('dead-letter.discarded', { subjectType: 'dead-letter', subjectParam: 'id' })
  @ApiOperation({ summary: 'Discard a parked message' })
  async discard(@Param('id', new ParseUUIDPipe()) id: string, @CurrentStaff() staff: SignedInStaff) {
    await this.service.discard(id, staff.id);
    return { id, status: 'discarded' };
  }
}
