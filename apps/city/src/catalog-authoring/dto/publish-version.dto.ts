import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsISO8601, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export const CHANGE_ACTIONS = ['publish', 'cancel', 'suspend', 'reactivate', 'delegate'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export class CatalogChangeDto {
  @ApiProperty({ description: 'Implementation code (实施编码) of the item' })
  @IsString()
  @MaxLength(24)
  code: string;

  @ApiProperty({ enum: CHANGE_ACTIONS, description: 'publish its draft; cancel (取消); suspend; reactivate; delegate down a level (下放)' })
  @IsIn(CHANGE_ACTIONS)
  action: ChangeAction;

  @ApiPropertyOptional({ enum: ['county', 'township'], description: 'For delegate: the level that will decide the matter' })
  @IsOptional()
  @IsIn(['county', 'township'])
  toLevel?: 'county' | 'township';

  @ApiPropertyOptional({ description: 'Why (kept in the change log)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class PublishVersionDto {
  @ApiProperty({ type: [CatalogChangeDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => CatalogChangeDto)
  changes: CatalogChangeDto[];

  @ApiPropertyOptional({ description: 'When the version takes effect (ISO 8601); now if absent' })
  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveFrom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
