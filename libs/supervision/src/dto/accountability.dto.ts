import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CASE_NUMBER } from '#libs/cases';
import { IsNotBlank } from '#libs/catalog';
import { PageQuery } from '#libs/node-kit';
import { ACCOUNTABILITY_DECISION_CODES, ACCOUNTABILITY_STATUS_CODES, type AccountabilityDecision, RESPONSIBLE_LEVELS } from '../accountability-rules.js';

export class AccountabilityDecisionDto {
  @ApiProperty({ enum: ACCOUNTABILITY_DECISION_CODES, description: '处理决定: 批评教育, 诫勉谈话, 通报批评, 调离岗位, 其他' })
  @IsIn(ACCOUNTABILITY_DECISION_CODES, { message: `decision must be one of ${ACCOUNTABILITY_DECISION_CODES.join(', ')}` })
  decision: AccountabilityDecision;

  @ApiProperty({ description: 'The decision in words (决定内容)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  content: string;

  @ApiProperty({ description: 'The day it was decided (YYYY-MM-DD), not later than today', example: '2027-04-02' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'decidedOn must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'decidedOn must be a date that exists' })
  decidedOn: string;

  @ApiProperty({ description: 'Who decided (决定机关或负责人)', example: '市纪委监委驻市政务服务中心纪检组' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  decidedBy: string;
}

export class AccountabilityListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ACCOUNTABILITY_STATUS_CODES })
  @IsOptional()
  @IsIn(ACCOUNTABILITY_STATUS_CODES)
  status?: string;

  @ApiPropertyOptional({ description: 'The node responsible' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'node must be a 12-digit node code' })
  node?: string;

  @ApiPropertyOptional({ enum: RESPONSIBLE_LEVELS.map((l) => l.code) })
  @IsOptional()
  @IsIn(RESPONSIBLE_LEVELS.map((l) => l.code))
  level?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CASE_NUMBER, { message: 'caseNumber must be a 27-character case number' })
  caseNumber?: string;
}
