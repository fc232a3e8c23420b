import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { FieldProblem } from '#libs/domain';
import { AuditRepository } from '../audit/audit.repository.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { checkPassword } from '../password-policy.js';
import { LOGIN_PATTERN } from './dto/staff.dto.js';
import { StaffRepository } from './staff.repository.js';

export interface NewAdministrator {
  node: string;
  login: string;
  name: string;
  password: string;
}

export class CreateAdminError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'CreateAdminError';
  }
}

/**
 * Creates a node administrator directly in the node's database: how a real deployment gets its first
 * one (there is no default password), or regains access when every administrator is locked out.
 * Audited like any other staff change, as done through the command line.
 */
export async function createAdministrator(ds: DataSource, a: NewAdministrator): Promise<{ id: string }> {
  const problems: FieldProblem[] = [...checkPassword(a.password, 'password', a.login)];
  if (!LOGIN_PATTERN.test(a.login)) problems.unshift({ field: 'login', rule: 'matches', message: '', messageEn: 'login must be 3-40 lower-case letters, digits, ".", "_" or "-", starting with a letter' });
  if (a.name.trim() === '' || a.name.length > 50) problems.unshift({ field: 'name', rule: 'length', message: '', messageEn: 'name must be 1-50 characters' });
  if (problems.length > 0) throw new CreateAdminError(problems.map((p) => p.messageEn));
  const [tables]: Array<{ staff: string | null }> = await ds.query(`select to_regclass('staff')::text as staff`);
  if (!tables?.staff) throw new CreateAdminError([`node ${a.node}'s database has no staff table yet: start the node once so that its migrations run, then try again`]);
  const staff = new StaffRepository(ds);
  const audit = new AuditRepository(ds);
  const hash = await new PasswordHasher().hash(a.password);
  const id = uuidv7();
  await ds.transaction(async (m) => {
    if (await staff.loginExists(a.login, m)) throw new CreateAdminError([`the login ${a.login} is already taken on node ${a.node}`]);
    await staff.insert(m, { id, login: a.login, name: a.name.trim(), node: a.node, roles: ['node_admin'], idNumber: null, passwordHash: hash, mustChangePassword: false, createdBy: 'cli' });
    await audit.insert(
      { node: a.node, actorLogin: 'cli', actorRole: 'system', action: 'staff.created', outcome: 'success', subjectType: 'staff', subjectId: id, detail: { login: a.login, roles: ['node_admin'], via: 'create-admin' } },
      m,
    );
  });
  return { id };
}
