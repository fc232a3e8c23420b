import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MONITOR_LIGHTS, type MonitorLight } from '#libs/monitor';

const NODE_CODE = /^\d{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CountsQuery {
  @ApiPropertyOptional({ description: 'One holder node (12 digits)' })
  @IsOptional()
  @Matches(NODE_CODE, { message: 'node must be a 12-digit node code' })
  node?: string;

  @ApiPropertyOptional({ description: 'A county-level area: a county with its townships, or the city with its own' })
  @IsOptional()
  @Matches(NODE_CODE, { message: 'area must be the 12-digit code of a county or the city' })
  area?: string;
}

export class MonitorPageQuery {
  @ApiPropertyOptional({ description: 'The `next` of the page before' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}

export class OverdueQuery extends MonitorPageQuery {
  @ApiPropertyOptional({ description: 'One holder node (12 digits); the whole network when absent' })
  @IsOptional()
  @Matches(NODE_CODE, { message: 'node must be a 12-digit node code' })
  node?: string;
}

export class NodeCasesQuery extends MonitorPageQuery {
  @ApiPropertyOptional({ enum: MONITOR_LIGHTS })
  @IsOptional()
  @IsIn(MONITOR_LIGHTS, { message: 'light must be green, yellow or red' })
  light?: MonitorLight;
}

export class TrendsQuery {
  @ApiPropertyOptional({ description: 'First day (YYYY-MM-DD)' })
  @Matches(DAY, { message: 'from must be a date, YYYY-MM-DD' })
  from: string;

  @ApiPropertyOptional({ description: 'Last day (YYYY-MM-DD, inclusive; at most 366 days after from)' })
  @Matches(DAY, { message: 'to must be a date, YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({ description: 'One node (intake node for received and accepted, deciding node for closed)' })
  @IsOptional()
  @Matches(NODE_CODE, { message: 'node must be a 12-digit node code' })
  node?: string;
}
