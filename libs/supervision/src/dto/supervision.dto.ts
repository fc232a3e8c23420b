import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CASE_NUMBER } from '#libs/cases';
import { IsNotBlank } from '#libs/catalog';
import { RateDto } from '#libs/case-service';
import { ORDER_STATUSES, RECTIFICATION_SOURCES, RECTIFICATION_STATUSES } from '#libs/contracts';
import { PageQuery } from '#libs/node-kit';

export class IssueOrderDto {
  @ApiProperty({ description: '办件编号 (27 characters)' })
  @Matches(CASE_NUMBER, { message: 'caseNumber must be a 27-character case number' })
  caseNumber: string;

  @ApiProperty({ description: '督办内容: what the holder must do' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  content: string;

  @ApiPropertyOptional({ description: 'Working days to answer (default TONGBAN_SUPERVISION_ANSWER_DAYS)', minimum: 1, maximum: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  answerDays?: number;
}

export class AnswerDto {
  @ApiProperty({ description: '反馈: what was done' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  content: string;
}

/** The applicant's second rating: the rating's own fields, without a case version (it changes the item, not the case). */
export class RerateDto extends OmitType(RateDto, ['expectedVersion'] as const) {}

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class OrderListQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CASE_NUMBER, { message: 'caseNumber must be a 27-character case number' })
  caseNumber?: string;

  @ApiPropertyOptional({ description: 'The node the orders are addressed to (the city only)' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'holder must be a 12-digit node code' })
  holder?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Only orders whose case is flagged for a supervision recommendation' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'flagged must be true or false' })
  flagged?: boolean;
}

export class RectificationListQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CASE_NUMBER, { message: 'caseNumber must be a 27-character case number' })
  caseNumber?: string;

  @ApiPropertyOptional({ description: 'The node that must rectify (the city only)' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'node must be a 12-digit node code' })
  node?: string;

  @ApiPropertyOptional({ enum: RECTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(RECTIFICATION_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: RECTIFICATION_SOURCES, description: 'What opened the item: a poor rating or a follow-up call' })
  @IsOptional()
  @IsIn(RECTIFICATION_SOURCES)
  source?: string;

  @ApiPropertyOptional({ description: 'Only open items past their due date' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}

export class WeekQuery {
  @ApiProperty({ description: 'ISO week, e.g. 2026-W48', example: '2026-W48' })
  @Matches(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, { message: 'week must be an ISO week such as 2026-W48' })
  week: string;
}
