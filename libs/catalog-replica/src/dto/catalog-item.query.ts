import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class CatalogItemQuery {
  @ApiPropertyOptional({ enum: ['city', 'county'], description: "Which item when a county-only item has a city item's code; the city's by default" })
  @IsOptional()
  @IsIn(['city', 'county'])
  origin?: 'city' | 'county';
}
