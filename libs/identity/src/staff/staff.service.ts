import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { FieldProblem } from '#libs/domain';
import { isResidentId, ValidationFailedError } from '#libs/domain';
import { NodeContext } from '#libs/node-kit';
import type { SignedInStaff } from '../access/signed-in-staff.js';
import { AuditService, type RequestOrigin } from '../audit/audit.service.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { SessionRepository } from '../auth/session.repository.js';
import { IdNumberTakenError, LastAdministratorError, LoginTakenError, StaffNotFoundError } from '../errors.js';
import { checkPassword } from '../password-policy.js';
import { type Role, ROLE_INFO, roleExistsOn } from '../roles.js';
import type { CreateStaffDto, ListStaffQuery, UpdateStaffDto } from './dto/staff.dto.js';
import { StaffRepository } from './staff.repository.js';
import { type StaffView, toStaffView } from './staff.view.js';

const TIER_ZH: Record<string, string> = { city: '市级', county: '县级', township: '乡镇' };

const problem = (field: string, rule: string, message: string, messageEn: string): FieldProblem => ({ field, rule, message, messageEn });

/** The node administrator's work on the node's staff accounts; every change is audited in the same transaction. */
@Injectable()
export class StaffService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly ds: DataSource,
    private readonly repo: StaffRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async list(q: ListStaffQuery): Promise<{ items: StaffView[]; total: number }> {
    const { items, total } = await this.repo.list({ role: q.role, status: q.status, q: q.q }, q.limit, q.offset);
    const backups = await this.repo.backupsOf(items.map((s) => s.id));
    return { items: items.map((s) => toStaffView(s, backups)), total };
  }

  async get(id: string, m?: EntityManager): Promise<StaffView> {
    const row = await this.repo.findById(id, m);
    if (!row) throw new StaffNotFoundError(id);
    return toStaffView(row, await this.repo.backupsOf([id], m));
  }

  async create(admin: SignedInStaff, dto: CreateStaffDto, origin: RequestOrigin): Promise<StaffView> {
    const problems = [...this.roleProblems(dto.roles), ...checkPassword(dto.password, 'password', dto.login), ...this.idNumberProblems(dto.idNumber)];
    if (problems.length > 0) throw new ValidationFailedError(problems);
    const hash = await this.hasher.hash(dto.password);
    const id = uuidv7();
    return this.inTransaction(async (m) => {
      if (await this.repo.loginExists(dto.login, m)) throw new LoginTakenError(dto.login);
      if (dto.idNumber && (await this.repo.idNumberExists(dto.idNumber, null, m))) throw new IdNumberTakenError();
      await this.repo.insert(m, { id, login: dto.login, name: dto.name, node: this.ctx.code, roles: dto.roles, idNumber: dto.idNumber ?? null, passwordHash: hash, mustChangePassword: true, createdBy: admin.id });
      if (dto.backups?.length) await this.setBackups(m, id, dto.roles, dto.backups);
      await this.audit.byStaff(admin, { action: 'staff.created', outcome: 'success', subjectType: 'staff', subjectId: id, detail: { login: dto.login, roles: dto.roles, backups: dto.backups ?? [] } }, origin, m);
      return this.get(id, m);
    });
  }

  async update(admin: SignedInStaff, id: string, dto: UpdateStaffDto, origin: RequestOrigin): Promise<StaffView> {
    const problems = [...(dto.roles ? this.roleProblems(dto.roles) : []), ...this.idNumberProblems(dto.idNumber ?? undefined)];
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return this.inTransaction(async (m) => {
      await this.repo.lockAdministrators(m);
      const before = await this.repo.findById(id, m, true);
      if (!before) throw new StaffNotFoundError(id);
      const roles = dto.roles ?? before.roles;
      const losesAdmin = before.roles.includes('node_admin') && before.status === 'active' && (!roles.includes('node_admin') || dto.status === 'disabled');
      if (losesAdmin && (await this.repo.countOtherActiveAdmins(m, id)) === 0) throw new LastAdministratorError();
      if (dto.idNumber && (await this.repo.idNumberExists(dto.idNumber, id, m))) throw new IdNumberTakenError();
      await this.repo.update(m, id, { name: dto.name, roles: dto.roles, status: dto.status, idNumber: dto.idNumber });
      const dropped = dto.roles ? await this.repo.dropStaleBackups(m, id, roles) : [];
      if (dto.backups) await this.setBackups(m, id, roles, dto.backups);
      const rolesChanged = dto.roles !== undefined && [...dto.roles].sort().join() !== [...before.roles].sort().join();
      const disabled = dto.status === 'disabled' && before.status !== 'disabled';
      const sessionsEnded = rolesChanged || disabled ? await this.sessions.revokeAllOf(m, id, disabled ? 'disabled' : 'roles-changed') : 0;
      const detail = {
        changed: Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined),
        ...(rolesChanged ? { roles: { from: before.roles, to: roles } } : {}),
        ...(dto.status && dto.status !== before.status ? { status: { from: before.status, to: dto.status } } : {}),
        ...(dto.name && dto.name !== before.name ? { name: { from: before.name, to: dto.name } } : {}),
        ...(dto.backups ? { backups: dto.backups } : {}),
        ...(dropped.length ? { backupsDropped: dropped } : {}),
        sessionsEnded,
      };
      await this.audit.byStaff(admin, { action: 'staff.updated', outcome: 'success', subjectType: 'staff', subjectId: id, detail }, origin, m);
      return this.get(id, m);
    });
  }

  /** Sets a temporary password the staff member must change; unlocks the account and ends its sessions. */
  async resetPassword(admin: SignedInStaff, id: string, newPassword: string, origin: RequestOrigin): Promise<StaffView> {
    const row = await this.repo.findById(id);
    if (!row) throw new StaffNotFoundError(id);
    const problems = checkPassword(newPassword, 'newPassword', row.login);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    const hash = await this.hasher.hash(newPassword);
    return this.inTransaction(async (m) => {
      await this.repo.setPassword(m, id, hash, true);
      await this.repo.unlock(m, id);
      const ended = await this.sessions.revokeAllOf(m, id, 'password-reset');
      await this.audit.byStaff(admin, { action: 'staff.password-reset', outcome: 'success', subjectType: 'staff', subjectId: id, detail: { login: row.login, sessionsEnded: ended } }, origin, m);
      return this.get(id, m);
    });
  }

  async unlock(admin: SignedInStaff, id: string, origin: RequestOrigin): Promise<StaffView> {
    return this.inTransaction(async (m) => {
      const row = await this.repo.findById(id, m, true);
      if (!row) throw new StaffNotFoundError(id);
      await this.repo.unlock(m, id);
      await this.audit.byStaff(admin, { action: 'staff.unlocked', outcome: 'success', subjectType: 'staff', subjectId: id, detail: { login: row.login, wasLocked: row.locked, failedAttempts: row.failedAttempts } }, origin, m);
      return this.get(id, m);
    });
  }

  private roleProblems(roles: Role[]): FieldProblem[] {
    return roles
      .filter((r) => !roleExistsOn(r, this.ctx.tier))
      .map((r) =>
        problem('roles', 'roleOnTier', `${ROLE_INFO[r].labelZh}（${r}）不设在${TIER_ZH[this.ctx.tier]}节点`, `roles: ${r} does not exist on a ${this.ctx.tier} node (only on ${ROLE_INFO[r].tiers.join(', ')})`),
      );
  }

  private idNumberProblems(idNumber: string | undefined): FieldProblem[] {
    if (!idNumber || isResidentId(idNumber)) return [];
    return [problem('idNumber', 'residentIdCheckDigit', '身份证号码校验位不正确', 'idNumber fails the GB 11643 check digit')];
  }

  /** Each backup: for a role the staff member holds, an active colleague at this node who holds it too. */
  private async setBackups(m: EntityManager, staffId: string, roles: Role[], backups: Array<{ role: Role; staffId: string }>): Promise<void> {
    const others = new Map((await this.repo.findByIds(backups.map((b) => b.staffId), m)).map((s) => [s.id, s]));
    const problems: FieldProblem[] = [];
    const seen = new Set<Role>();
    backups.forEach((b, i) => {
      const at = `backups[${i}]`;
      const backup = others.get(b.staffId);
      if (seen.has(b.role)) problems.push(problem(`${at}.role`, 'onePerRole', '每个角色只能指定一名 B 岗', 'one backup per role'));
      seen.add(b.role);
      if (!roles.includes(b.role)) problems.push(problem(`${at}.role`, 'heldRole', '只能为本人担任的角色指定 B 岗', `role ${b.role} is not one of the staff member's roles`));
      if (b.staffId === staffId) problems.push(problem(`${at}.staffId`, 'notSelf', 'B 岗不能是本人', 'a staff member cannot be their own backup'));
      else if (!backup || backup.status !== 'active') problems.push(problem(`${at}.staffId`, 'activeStaff', 'B 岗必须是本节点在岗的工作人员', 'the backup must be an active staff member of this node'));
      else if (!backup.roles.includes(b.role)) problems.push(problem(`${at}.staffId`, 'backupHoldsRole', `B 岗 ${backup.name} 未担任该角色`, `the backup ${backup.login} does not hold role ${b.role}`));
    });
    if (problems.length > 0) throw new ValidationFailedError(problems);
    await this.repo.replaceBackups(m, staffId, backups);
  }

  /** Runs `work` in a transaction, turning a unique-index race into the same answer as the check before it. */
  private async inTransaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.ds.transaction(work);
    } catch (err) {
      const pg = err as { code?: string; constraint?: string; driverError?: { constraint?: string } };
      const constraint = pg.constraint ?? pg.driverError?.constraint;
      if (pg.code === '23505' && constraint === 'staff_login_idx') throw new LoginTakenError();
      if (pg.code === '23505' && constraint === 'staff_id_number_idx') throw new IdNumberTakenError();
      throw err;
    }
  }
}
