import 'reflect-metadata';
import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { Public } from '#libs/node-kit';
import type { SessionRepository, SessionView } from '../auth/session.repository.js';
import type { TokenService } from '../auth/token.service.js';
import { deriveNodeKey, signAccessToken, verifyAccessToken } from '../auth/tokens.js';
import { AccessGuard } from './access.guard.js';
import { Roles, SignedIn } from './roles.decorator.js';
import type { SignedInStaff } from './signed-in-staff.js';

const NODE = '640104000000';
const KEY = deriveNodeKey('unit-test-master-secret-of-32-characters', NODE);

@Controller('things')
class ThingsController {
  @Get('undeclared')
  undeclared() {}

  @Public()
  @Get('open')
  open() {}

  @Roles('county_operator')
  @Get('operators')
  operators() {}

  @SignedIn()
  @Get('anyone')
  anyone() {}
}

@Roles('node_admin')
@Controller('admin')
class AdminController {
  @Get()
  list() {}

  @Public()
  @Get('open')
  open() {}
}

type Req = { headers: Record<string, string>; staff?: SignedInStaff };

function contextFor(controller: Function, handler: Function, req: Req): ExecutionContextHost {
  const host = new ExecutionContextHost([req, {}, () => undefined], controller as never, handler as never);
  host.setType('http');
  return host;
}

const session = (over: Partial<SessionView> = {}): SessionView => ({
  sessionId: 's-1',
  staffId: 'staff-1',
  login: 'operator',
  name: '王五',
  node: NODE,
  roles: ['county_operator'],
  alive: true,
  mustChangePassword: false,
  ...over,
});

function guardWith(view: SessionView | undefined): AccessGuard {
  const tokens = { verifyAccess: (t: string) => verifyAccessToken(KEY, NODE, t) } as unknown as TokenService;
  const sessions = { view: async () => view } as unknown as SessionRepository;
  return new AccessGuard(new Reflector(), tokens, sessions);
}

async function bearer(roles: SessionView['roles'] = ['county_operator']): Promise<Record<string, string>> {
  const { token } = await signAccessToken(KEY, { staffId: 'staff-1', node: NODE, roles, login: 'operator', name: '王五', sessionId: 's-1' }, 60);
  return { authorization: `Bearer ${token}` };
}

async function refusal(guard: AccessGuard, ctx: ExecutionContextHost): Promise<{ code: string; status: number }> {
  try {
    await guard.canActivate(ctx);
  } catch (err) {
    return err as { code: string; status: number };
  }
  throw new Error('the guard let the request through');
}

describe('AccessGuard (default deny)', () => {
  it('refuses an endpoint that declares neither @Public nor @Roles with 403, even with a valid token', async () => {
    const sut = guardWith(session());
    const err = await refusal(sut, contextFor(ThingsController, ThingsController.prototype.undeclared, { headers: await bearer() }));
    expect(err).toMatchObject({ code: 'ENDPOINT_ACCESS_NOT_DECLARED', status: 403 });
  });

  it('lets anyone call a @Public endpoint, also one inside a controller that needs a role', async () => {
    const sut = guardWith(undefined);
    await expect(sut.canActivate(contextFor(ThingsController, ThingsController.prototype.open, { headers: {} }))).resolves.toBe(true);
    await expect(sut.canActivate(contextFor(AdminController, AdminController.prototype.open, { headers: {} }))).resolves.toBe(true);
  });

  it('asks for sign-in (401) on a @Roles endpoint without a bearer token', async () => {
    const err = await refusal(guardWith(session()), contextFor(ThingsController, ThingsController.prototype.operators, { headers: {} }));
    expect(err).toMatchObject({ code: 'SIGN_IN_REQUIRED', status: 401 });
  });

  it('lets a staff member with the role in, and tells the endpoint who they are and in which role', async () => {
    const req: Req = { headers: await bearer() };
    await expect(guardWith(session()).canActivate(contextFor(ThingsController, ThingsController.prototype.operators, req))).resolves.toBe(true);
    expect(req.staff).toEqual({ id: 'staff-1', login: 'operator', name: '王五', node: NODE, roles: ['county_operator'], actingRole: 'county_operator', sessionId: 's-1' });
  });

  it('refuses a staff member without the role with 403, naming the roles needed', async () => {
    const sut = guardWith(session());
    const err = await refusal(sut, contextFor(AdminController, AdminController.prototype.list, { headers: await bearer() }));
    expect(err).toMatchObject({ code: 'ROLE_REQUIRED', status: 403, details: { requiredRoles: ['node_admin'] } });
  });

  it('lets any signed-in staff member call a @SignedIn endpoint', async () => {
    const req: Req = { headers: await bearer() };
    await expect(guardWith(session()).canActivate(contextFor(ThingsController, ThingsController.prototype.anyone, req))).resolves.toBe(true);
  });

  it('refuses a valid token whose session has ended (signed out or revoked)', async () => {
    const err = await refusal(guardWith(session({ alive: false })), contextFor(ThingsController, ThingsController.prototype.operators, { headers: await bearer() }));
    expect(err).toMatchObject({ code: 'SESSION_ENDED', status: 401 });
  });

  it('takes the roles from the account, not from the token', async () => {
    const err = await refusal(guardWith(session({ roles: ['auditor'] })), contextFor(ThingsController, ThingsController.prototype.operators, { headers: await bearer() }));
    expect(err).toMatchObject({ code: 'ROLE_REQUIRED' });
  });

  it('refuses a garbled token with 401', async () => {
    const err = await refusal(guardWith(session()), contextFor(ThingsController, ThingsController.prototype.operators, { headers: { authorization: 'Bearer not.a.token' } }));
    expect(err).toMatchObject({ code: 'TOKEN_INVALID', status: 401 });
  });
});
