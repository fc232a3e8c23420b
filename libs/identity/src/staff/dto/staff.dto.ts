import { PageQuery } from '#libs/node-kit';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ROLES, type Role } from '../../roles.js';

export const LOGIN_PATTERN = /^[a-z][a-z0-9._-]{2,39}$/;
const LOGIN_RULE = 'login must be 3-40 lower-case letters, digits, ".", "_" or "-", starting with a letter';
const ID_NUMBER_SHAPE = /^[1-9]\d{16}[\dX]$/;
const ID_NUMBER_RULE = 'idNumber must be an 18-character resident ID (17 digits and a digit or X)';

export class BackupDto {
  @ApiProperty({ enum: ROLES, description: 'A role the staff member holds' })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ description: 'The colleague at this node who stands in for that role (AB岗); they must hold the role too' })
  @IsUUID()
  staffId: string;
}

export class CreateStaffDto {
  @ApiProperty({ example: 'zhangsan' })
  @Matches(LOGIN_PATTERN, { message: LOGIN_RULE })
  login: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true, description: 'Roles at this node; each must exist on this tier' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiProperty({ description: 'Initial password: 10-128 characters mixing three of lower, upper, digits, other; the staff member is asked to change it' })
  @IsString()
  @MaxLength(200)
  password: string;

  @ApiProperty({ required: false, example: '64010419900101001X', description: 'Resident ID; stored, and only ever shown masked' })
  @IsOptional()
  @Matches(ID_NUMBER_SHAPE, { message: ID_NUMBER_RULE })
  idNumber?: string;

  @ApiProperty({ required: false, type: [BackupDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BackupDto)
  backups?: BackupDto[];
}

export class UpdateStaffDto {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name?: string;

  @ApiProperty({ required: false, enum: ROLES, isArray: true, description: 'Replaces the roles; the staff member\'s sessions end' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiProperty({ required: false, enum: ['active', 'disabled'], description: 'disabled: cannot sign in; sessions end' })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @ApiProperty({ required: false, nullable: true, description: 'Resident ID, or null to remove it' })
  @IsOptional()
  @Matches(ID_NUMBER_SHAPE, { message: ID_NUMBER_RULE })
  idNumber?: string | null;

  @ApiProperty({ required: false, type: [BackupDto], description: 'Replaces the backups' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BackupDto)
  backups?: BackupDto[];
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'A temporary password the staff member must change; their sessions end and the account is unlocked' })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export class ListStaffQuery extends PageQuery {
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

}
