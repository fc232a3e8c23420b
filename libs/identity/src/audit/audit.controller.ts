import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/roles.decorator.js';
import { AuditService } from './audit.service.js';
import { AuditQuery } from './dto/audit.query.js';

/** The node's append-only audit log (责任追究), for inspectors and administrators. */
@ApiTags('audit')
@Roles('auditor', 'node_admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly service: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Audit entries, newest first: by person (actor id or login), subject, action, outcome and time range, paged' })
  list(@Query() q: AuditQuery) {
    return this.service.query({ actor: q.actor, subject: q.subject, subjectType: q.subjectType, action: q.action, outcome: q.outcome, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined }, q.limit, q.offset);
  }
}
