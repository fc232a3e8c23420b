import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, registerDecorator, type ValidationArguments } from 'class-validator';
import { PageQuery } from '#libs/node-kit';
import { FOLLOW_UP_STATUSES } from '../follow-ups.repository.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = 'month must be a month such as 2026-11';

/** A field that may be given only when the applicant was reached (`reached: true`). */
function OnlyWhenReached(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'onlyWhenReached',
      target: target.constructor,
      propertyName: String(property),
      options: { message: `${String(property)} may be given only when the applicant was reached (reached: true)` },
      validator: { validate: (value: unknown, args: ValidationArguments) => value === undefined || (args.object as { reached?: unknown }).reached === true },
    });
}

export class DrawDto {
  @ApiProperty({ description: 'The month whose closed cases are drawn', example: '2026-11' })
  @Matches(MONTH, { message: MONTH_MESSAGE })
  month: string;

  @ApiPropertyOptional({ description: 'How many cases (default TONGBAN_FOLLOW_UP_SIZE); every county-level area gets at least one', minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  size?: number;

  @ApiPropertyOptional({ description: 'The seed (default: a random one, recorded with the draw)', example: '2026-11-审计' })
  @IsOptional()
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'seed must not be blank or start or end with a space' })
  @MaxLength(200)
  seed?: string;
}

export class MonthParam {
  @Matches(MONTH, { message: MONTH_MESSAGE })
  month: string;
}

export class ResultDto {
  @ApiProperty({ description: '联系上申请人: whether the call reached the applicant' })
  @IsBoolean()
  reached: boolean;

  @ApiPropertyOptional({ description: '是否满意 (only when reached)' })
  @OnlyWhenReached()
  @IsOptional()
  @IsBoolean()
  satisfied?: boolean;

  @ApiPropertyOptional({ description: '发现的问题 (only when reached): non-empty opens a rectification item at the node that decided the case' })
  @OnlyWhenReached()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  problems?: string;

  @ApiPropertyOptional({ description: '备注' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiProperty({ description: 'When the call was made (ISO 8601)', example: '2026-12-03T10:15:00+08:00' })
  @IsISO8601({ strict: true })
  calledAt: string;
}

export class FollowUpListQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11' })
  @IsOptional()
  @Matches(MONTH, { message: MONTH_MESSAGE })
  month?: string;

  @ApiPropertyOptional({ enum: FOLLOW_UP_STATUSES })
  @IsOptional()
  @IsIn(FOLLOW_UP_STATUSES)
  status?: string;
}
