import { type CanActivate, Body, Controller, type ExecutionContext, Get, HttpCode, Injectable, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { JsonBodyGuard, Public } from '#libs/node-kit';
import { PublicRatingDto } from './dto/case-inputs.dto.js';
import { addressOf, enforcePublicLimits } from './progress-rate-limit.guard.js';
import { RatingTicketService } from './rating-ticket.service.js';

/** Rating-screen requests a minute from one address (a hall's tablets may share one). */
export const RATING_LIMIT_PER_ADDRESS = 60;
/** Requests a minute with one ticket: a screen reads it and rates once. */
export const RATING_LIMIT_PER_TICKET = 10;

/** Limits the rating screen's endpoints like the progress lookup: per address and per ticket (counted by its hash, never kept). */
@Injectable()
export class RatingRateLimitGuard implements CanActivate {
  constructor(private readonly ds: DataSource) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    const ticket = String(context.switchToHttp().getRequest<Request>().params.ticket ?? '').slice(0, 100);
    const tag = createHash('sha256').update(ticket).digest('hex').slice(0, 32);
    return enforcePublicLimits(
      this.ds,
      context,
      [
        { key: `rating|address|${addressOf(context)}`, max: RATING_LIMIT_PER_ADDRESS },
        { key: `rating|ticket|${tag}`, max: RATING_LIMIT_PER_TICKET },
      ],
      { zh: '操作', en: 'requests' },
    );
  }
}

/**
 * 电子评价器: the screen the counter opens for the applicant after service, reached with a one-time
 * ticket (POST /cases/:n/rating-ticket). It shows the centre, the matter and who served, and takes one rating.
 */
@ApiTags('public rating')
@Public()
@Controller('public/rating')
export class PublicRatingController {
  constructor(private readonly tickets: RatingTicketService) {}

  @Get(':ticket')
  @UseGuards(RatingRateLimitGuard)
  @ApiOperation({ summary: 'The rating screen: centre, matter, who served and the five levels; 404 RATING_TICKET_INVALID for an unknown, used or expired ticket. Rate-limited.' })
  read(@Param('ticket') ticket: string) {
    return this.tickets.read(ticket);
  }

  @Post(':ticket')
  @HttpCode(200)
  @UseGuards(JsonBodyGuard, RatingRateLimitGuard)
  @ApiOperation({ summary: "The applicant's rating (1 非常满意 … 5 非常不满意) with the ticket, once: the case is rated as at the counter. Rate-limited." })
  rate(@Param('ticket') ticket: string, @Body() dto: PublicRatingDto) {
    return this.tickets.rate(ticket, dto);
  }
}
