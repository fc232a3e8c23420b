import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { STATUS_CODES } from '#libs/cases';
import { PageQuery } from '#libs/node-kit';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CaseListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'One status, or several separated by commas', example: 'accepted,under_review' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(16)
  @IsIn(STATUS_CODES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ description: 'The matter (implementation code)' })
  @IsOptional()
  @Matches(/^\d{10}[0-9A-Z]{1,14}$/, { message: 'item must be an implementation code' })
  item?: string;

  @ApiPropertyOptional({ description: 'The node holding the case' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'holder must be a 12-digit node code' })
  holder?: string;

  @ApiPropertyOptional({ enum: ['green', 'yellow', 'red'], description: 'The time-limit light (红黄绿灯) of live cases' })
  @IsOptional()
  @IsIn(['green', 'yellow', 'red'], { message: 'light must be green, yellow or red' })
  light?: string;

  @ApiPropertyOptional({ enum: ['green', 'yellow', 'red'], description: 'The light of the step a case waits in (签收, 待审查, 待送达)' })
  @IsOptional()
  @IsIn(['green', 'yellow', 'red'], { message: 'stepLight must be green, yellow or red' })
  stepLight?: string;

  @ApiPropertyOptional({ description: "Part of the applicant's name, or the last six characters of their ID number" })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  applicant?: string;

  @ApiPropertyOptional({ description: 'Part of the case number (办件编号): 4 to 27 of its characters' })
  @IsOptional()
  @Matches(/^[\dXx]{4,27}$/, { message: 'number must be 4-27 characters of a case number (digits, X)' })
  number?: string;

  @ApiPropertyOptional({ description: 'Taken in on or after (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Taken in on or before (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: ['receivedAt', 'dueDate', 'updatedAt'], default: 'receivedAt' })
  @IsOptional()
  @IsIn(['receivedAt', 'dueDate', 'updatedAt'])
  sort: 'receivedAt' | 'dueDate' | 'updatedAt' = 'receivedAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';
}

export class ProgressQuery {
  @ApiPropertyOptional({ description: 'The last six characters of the ID number the application was made with' })
  @Matches(/^[\dXx]{6}$/, { message: 'idTail must be the last six characters of the ID number' })
  idTail: string;
}
