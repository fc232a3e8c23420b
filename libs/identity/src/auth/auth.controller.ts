import { Body, Controller, Get, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { JsonBodyGuard, NodeContext, Public } from '#libs/node-kit';
import { CurrentStaff } from '../access/current-staff.decorator.js';
import { originOf } from '../access/request-origin.js';
import { AllowedBeforePasswordChange, SignedIn } from '../access/roles.decorator.js';
import type { SignedInStaff } from '../access/signed-in-staff.js';
import { ROLE_INFO } from '../roles.js';
import { canActOnNode, canReadNode } from '../scope.js';
import { StaffService } from '../staff/staff.service.js';
import { AuthService } from './auth.service.js';
import { AccessQuery, ChangePasswordDto, RefreshDto, SignInDto } from './dto/auth.dto.js';
import { SignInRateLimitGuard } from './sign-in-rate-limit.guard.js';

/** Sign-in (登录) at this node, refresh, sign-out, and the signed-in staff member's own account. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly ctx: NodeContext,
    private readonly auth: AuthService,
    private readonly staff: StaffService,
  ) {}

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  @UseGuards(JsonBodyGuard, SignInRateLimitGuard)
  @ApiOperation({ summary: 'Sign in with login and password: a short-lived access token for this node, and a single-use refresh token' })
  signIn(@Body() dto: SignInDto, @Req() req: Request) {
    return this.auth.signIn(dto.login, dto.password, { ...originOf(req), userAgent: req.headers['user-agent'] });
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @UseGuards(JsonBodyGuard, SignInRateLimitGuard)
  @ApiOperation({ summary: 'Exchange a refresh token for a new access token and a new refresh token (the old one is spent)' })
  refresh(@Body() dto: RefreshDto, @Req() req: Request) {
    return this.auth.refresh(dto.refreshToken, originOf(req));
  }

  @AllowedBeforePasswordChange()
  @SignedIn()
  @Post('sign-out')
  @HttpCode(200)
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once' })
  async signOut(@CurrentStaff() staff: SignedInStaff, @Req() req: Request) {
    await this.auth.signOut(staff, originOf(req));
    return { signedOut: true, message: '已退出登录', messageEn: 'Signed out' };
  }

  @AllowedBeforePasswordChange()
  @SignedIn()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in staff member: roles (with where each exists), node, backups' })
  async me(@CurrentStaff() staff: SignedInStaff) {
    const view = await this.staff.get(staff.id);
    return {
      ...view,
      nodeName: this.ctx.self.name,
      tier: this.ctx.tier,
      roleLabels: view.roles.map((r) => ({ role: r, label: ROLE_INFO[r].labelZh, labelEn: ROLE_INFO[r].labelEn })),
    };
  }

  @SignedIn()
  @Get('access')
  @ApiOperation({ summary: 'Whether the signed-in staff member may read, and act on, what a given node holds' })
  access(@CurrentStaff() staff: SignedInStaff, @Query() q: AccessQuery) {
    return { node: q.node, read: canReadNode(staff, q.node, this.ctx.topology), act: canActOnNode(staff, q.node, this.ctx.topology) };
  }

  @AllowedBeforePasswordChange()
  @SignedIn()
  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change one\'s own password; other sessions end' })
  async changePassword(@CurrentStaff() staff: SignedInStaff, @Body() dto: ChangePasswordDto, @Req() req: Request) {
    await this.auth.changePassword(staff, dto.currentPassword, dto.newPassword, originOf(req));
    return { changed: true, message: '密码已修改', messageEn: 'Password changed' };
  }
}
