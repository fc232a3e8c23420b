import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentStaff } from '../access/current-staff.decorator.js';
import { originOf } from '../access/request-origin.js';
import { Roles } from '../access/roles.decorator.js';
import type { SignedInStaff } from '../access/signed-in-staff.js';
import { CreateStaffDto, ListStaffQuery, ResetPasswordDto, UpdateStaffDto } from './dto/staff.dto.js';
import { StaffService } from './staff.service.js';

/** This node's staff accounts (工作人员账号), for its administrators. Identity numbers are only ever shown masked. */
@ApiTags('staff')
@Roles('node_admin')
@Controller('staff')
export class StaffController {
  constructor(private readonly service: StaffService) {}

  @Post()
  @ApiOperation({ summary: 'Create a staff account with its roles and backups (AB岗)' })
  create(@CurrentStaff() admin: SignedInStaff, @Body() dto: CreateStaffDto, @Req() req: Request) {
    return this.service.create(admin, dto, originOf(req));
  }

  @Get()
  @ApiOperation({ summary: 'List staff accounts (by role, status, part of login or name), paged' })
  list(@Query() q: ListStaffQuery) {
    return this.service.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One staff account' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, roles, status, identity number or backups; a change of roles or disabling ends the sessions' })
  update(@CurrentStaff() admin: SignedInStaff, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateStaffDto, @Req() req: Request) {
    return this.service.update(admin, id, dto, originOf(req));
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a temporary password (to be changed at next sign-in); unlocks and ends sessions' })
  resetPassword(@CurrentStaff() admin: SignedInStaff, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ResetPasswordDto, @Req() req: Request) {
    return this.service.resetPassword(admin, id, dto.newPassword, originOf(req));
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unlock an account locked after repeated failed sign-ins' })
  unlock(@CurrentStaff() admin: SignedInStaff, @Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request) {
    return this.service.unlock(admin, id, originOf(req));
  }
}
