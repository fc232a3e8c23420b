import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class SendPingsDto {
  @ApiProperty({ description: 'Code of the node to reach: this node\'s parent or one of its children', example: '640104100000' })
  @Matches(/^\d{12}$/, { message: 'target must be a 12-digit node code' })
  target: string;

  @ApiProperty({ example: '你好' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  message: string;

  @ApiProperty({ required: false, default: 1, description: 'How many events to send (1-20000), written in one transaction' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20000)
  count: number = 1;

  @ApiProperty({ required: false, default: 1, description: 'Spread the events over this many ordering keys' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  keys: number = 1;

  @ApiProperty({ required: false, description: 'Prefix of the ordering keys (default "ping")' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,40}$/)
  keyPrefix: string = 'ping';
}

export class HoldDto {
  @ApiProperty({ description: 'Ordering key whose events this node will refuse (retryable) until released' })
  @Matches(/^[a-z0-9-]{1,60}$/)
  key: string;
}
