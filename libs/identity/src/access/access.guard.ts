import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '#libs/node-kit';
import { TokenService } from '../auth/token.service.js';
import { SessionRepository } from '../auth/session.repository.js';
import { EndpointNotDeclaredError, PasswordChangeRequiredError, RoleRequiredError, UnauthenticatedError } from '../errors.js';
import type { Role } from '../roles.js';
import { BEFORE_PASSWORD_CHANGE_KEY, ROLES_KEY } from './roles.decorator.js';
import type { SignedInStaff } from './signed-in-staff.js';

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  staff?: SignedInStaff;
}

/**
 * Default deny, for every endpoint of the node: `@Public()` lets anyone in; `@Roles(...)` needs a valid
 * token from this node, a live session, and one of the roles; an endpoint declaring neither is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!required || required.length === 0 || context.getType() !== 'http') throw new EndpointNotDeclaredError();

    const req = context.switchToHttp().getRequest<GuardedRequest>();
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthenticatedError('SIGN_IN_REQUIRED', '请先登录（Authorization: Bearer <令牌>）', 'Sign in first (Authorization: Bearer <token>)');

    const claims = await this.tokens.verifyAccess(match[1]!);
    const session = await this.sessions.view(claims.sessionId);
    if (!session || !session.alive || session.staffId !== claims.staffId) {
      throw new UnauthenticatedError('SESSION_ENDED', '登录会话已结束（已退出、被管理员撤销或已过期），请重新登录', 'The session has ended (signed out, revoked or expired); sign in again');
    }
    if (session.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, targets)) throw new PasswordChangeRequiredError();
    const actingRole = session.roles.find((r) => required.includes(r));
    if (!actingRole) throw new RoleRequiredError(required);
    req.staff = { id: session.staffId, login: session.login, name: session.name, node: session.node, roles: session.roles, actingRole, sessionId: session.sessionId };
    return true;
  }
}
