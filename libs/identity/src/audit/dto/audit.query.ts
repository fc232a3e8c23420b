import { PageQuery } from '#libs/node-kit';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

export class AuditQuery extends PageQuery {
  /** A staff id or a login. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  /** What the action was about: a staff id, a session, a dead letter, later a case number. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  subjectType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @IsOptional()
  @IsIn(['success', 'failure'])
  outcome?: 'success' | 'failure';

  /** From this time on (ISO 8601), inclusive. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or date-time, e.g. 2026-11-23T08:00:00+08:00' })
  from?: string;

  /** Before this time (ISO 8601), exclusive. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or date-time, e.g. 2026-11-24T00:00:00+08:00' })
  to?: string;

}
