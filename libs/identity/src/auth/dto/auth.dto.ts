import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ example: 'admin', description: 'Login at this node (case does not matter)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  login: string;

  @ApiProperty({ example: 'Tongban-Demo-2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from sign-in or the last refresh (single use)' })
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ description: '10-128 characters, at least three of lower-case, upper-case, digits, other characters; not containing the login' })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export class AccessQuery {
  @ApiProperty({ example: '640104100000', description: 'A node code' })
  @Matches(/^\d{12}$/, { message: 'node must be a 12-digit node code' })
  node: string;
}
