import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class SearchCatalogQuery {
  @ApiPropertyOptional({ description: 'Keywords (Chinese), matched against name, department and keywords', example: '营业执照' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ description: 'Department name (实施部门)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ description: '事项类型 code, e.g. 01 行政许可' })
  @IsOptional()
  @IsIn(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20'])
  kind?: string;

  @ApiPropertyOptional({ description: 'Decision level', enum: ['township', 'county', 'city'] })
  @IsOptional()
  @IsIn(['township', 'county', 'city'])
  level?: string;

  @ApiPropertyOptional({ description: '办件类型: 1 即办件, 2 承诺件' })
  @IsOptional()
  @IsIn(['1', '2'])
  caseType?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  page: number = 1;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}
