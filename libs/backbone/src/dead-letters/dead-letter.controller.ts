import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeadLetterService } from './dead-letter.service.js';
import { ListDeadLettersQuery } from './dto/list-dead-letters.query.js';

/** Parked messages of this node (死信), for operators. */
@ApiTags('dead-letters')
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
    return this.service.get(id);
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay every parked message through the inbox' })
  replayAll() {
    return this.service.replayAll('operator');
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay one parked message through the inbox (never applies twice)' })
  replay(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.replay(id, 'operator');
  }

  @Post(':id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Discard a parked message' })
  async discard(@Param('id', new ParseUUIDPipe()) id: string) {
    await this.service.discard(id, 'operator');
    return { id, status: 'discarded' };
  }
}
