import { DomainError } from '#libs/domain';

/** No token, or one this node cannot accept: the caller must sign in (again). */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  constructor(
    readonly code: 'SIGN_IN_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'SESSION_ENDED' | 'REFRESH_TOKEN_INVALID',
    messageZh: string,
    messageEn: string,
  ) {
    super(messageZh, messageEn);
  }
}

export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
  readonly status = 401;
  constructor() {
    super('登录名或密码错误', 'Wrong login or password');
  }
}

/** 2026-11-24 10:07, Beijing time (UTC+8, no daylight saving), as staff read a time. */
function beijingMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export class AccountLockedError extends DomainError {
  readonly code = 'ACCOUNT_LOCKED';
  readonly status = 423;
  constructor(lockedUntil: Date) {
    super(
      `连续登录失败次数过多，账号已锁定至 ${beijingMinute(lockedUntil)}（北京时间）；可请本节点管理员解锁`,
      `Too many failed sign-ins: the account is locked until ${beijingMinute(lockedUntil)} (Beijing time); a node administrator can unlock it`,
      { lockedUntil: lockedUntil.toISOString() },
    );
  }
}

/** Signed in, but the endpoint needs a role the staff member does not hold. */
export class RoleRequiredError extends DomainError {
  readonly code = 'ROLE_REQUIRED';
  readonly status = 403;
  constructor(required: readonly string[]) {
    super(`此操作需要以下角色之一：${required.join('、')}`, `This needs one of the roles: ${required.join(', ')}`, { requiredRoles: [...required] });
  }
}

/** A password set by an administrator must be replaced by its owner before any other work. */
export class PasswordChangeRequiredError extends DomainError {
  readonly code = 'PASSWORD_CHANGE_REQUIRED';
  readonly status = 403;
  constructor() {
    super('管理员设置的初始密码须先修改（POST /auth/password）后才能办理其他业务', 'Change the password an administrator set (POST /auth/password) before doing anything else');
  }
}

/** Default deny: an endpoint that declares neither @Public() nor @Roles(...) is refused to everyone. */
export class EndpointNotDeclaredError extends DomainError {
  readonly code = 'ENDPOINT_ACCESS_NOT_DECLARED';
  readonly status = 403;
  constructor() {
    super('此接口未声明访问权限，已拒绝', 'This endpoint declares no access rule and is refused to everyone');
  }
}

/** Input that passed the DTO's shape but broke a rule: the same body as the validation pipe's. */
export class StaffNotFoundError extends DomainError {
  readonly code = 'STAFF_NOT_FOUND';
  readonly status = 404;
  constructor(id: string) {
    super(`未找到工作人员 ${id}`, `staff member ${id} not found on this node`);
  }
}

export class LoginTakenError extends DomainError {
  readonly code = 'LOGIN_TAKEN';
  readonly status = 409;
  constructor(login?: string) {
    super(`登录名 ${login ?? ''} 已被使用`, `the login ${login ?? ''} is already taken on this node`, {
      errors: [{ field: 'login', rule: 'unique', message: '登录名已被使用', messageEn: 'login is already taken' }],
    });
  }
}

export class IdNumberTakenError extends DomainError {
  readonly code = 'ID_NUMBER_TAKEN';
  readonly status = 409;
  constructor() {
    super('该身份证号码已有账号', 'a staff account with this identity number already exists on this node', {
      errors: [{ field: 'idNumber', rule: 'unique', message: '该身份证号码已有账号', messageEn: 'idNumber already has an account' }],
    });
  }
}

export class LastAdministratorError extends DomainError {
  readonly code = 'LAST_NODE_ADMIN';
  readonly status = 409;
  constructor() {
    super('不能停用或撤销本节点最后一位在岗管理员', 'the last active node administrator cannot be disabled or lose the role');
  }
}
