import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsNotBlank } from '#libs/catalog';
import { CALENDAR_DAY_KINDS, CalendarYearFileData, IsCalendarDate } from '#libs/contracts';

/** One day the city changes: a local day off (e.g. a local festival) or a day worked instead. */
export class LocalChangeDto {
  @ApiPropertyOptional({ description: 'A stable id for the change (1-64 letters, digits or ._:-); one is made when absent' })
  @IsOptional()
  @Matches(/^[\w.:-]{1,64}$/, { message: 'id must be 1-64 letters, digits or ._:-' })
  id?: string;

  @ApiProperty({ example: '2027-03-03' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ enum: CALENDAR_DAY_KINDS, description: 'off: a day off; on: a day worked' })
  @IsIn(CALENDAR_DAY_KINDS)
  kind: (typeof CALENDAR_DAY_KINDS)[number];

  @ApiProperty({ example: '本地节庆放假' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  nameZh: string;

  @ApiPropertyOptional({ description: 'Why this day changes; the amendment\'s reason when absent' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;

  @ApiProperty({ description: 'Higher than every local change in force', minimum: 1 })
  @IsInt()
  @Min(1)
  version: number;
}

/** 日历调整: either a whole year file (`year`) or local changes (`localChanges`), with the reason. */
export class AmendCalendarDto {
  @ApiPropertyOptional({ description: 'A whole year file (CalendarYearFile): a corrected year, or the notice of a provisional one' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CalendarYearFileData)
  year?: CalendarYearFileData;

  @ApiPropertyOptional({ type: [LocalChangeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => LocalChangeDto)
  localChanges?: LocalChangeDto[];

  @ApiProperty({ example: '市政府通知：本地节庆放假一天' })
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}
