import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

export class WeightsDto {
  @ApiProperty({ description: '按时办结率 (on-time rate), percent' })
  @IsInt()
  @Min(0)
  @Max(100)
  onTime: number;

  @ApiProperty({ description: '提速 (days used against the committed limit), percent' })
  @IsInt()
  @Min(0)
  @Max(100)
  speed: number;

  @ApiProperty({ description: '群众满意度 (satisfaction), percent' })
  @IsInt()
  @Min(0)
  @Max(100)
  satisfaction: number;

  @ApiProperty({ description: '督办响应 (supervision orders answered), percent' })
  @IsInt()
  @Min(0)
  @Max(100)
  supervision: number;

  @ApiProperty({ description: '整改及时率 (rectifications in time), percent' })
  @IsInt()
  @Min(0)
  @Max(100)
  rectification: number;

  @ApiProperty({ description: '有效投诉 (complaints upheld), percent' })
  @IsInt()
  @Min(0)
  @Max(100)
  complaints: number;
}

export class SetWeightsDto {
  @ApiProperty({ type: WeightsDto, description: 'The weights, whole percentages summing to 100' })
  @ValidateNested()
  @Type(() => WeightsDto)
  weights: WeightsDto;

  @ApiProperty({ description: 'Why the weights change (kept with the version)' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}
