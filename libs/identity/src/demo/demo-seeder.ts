import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { NodeContext } from '#libs/node-kit';
import { AuditService } from '../audit/audit.service.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { StaffRepository } from '../staff/staff.repository.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoIdNumber } from './demo-accounts.js';

/** Serialises the seeding of replicas that start together. */
const SEED_LOCK = 7_101_003;

/** On a demo node (TONGBAN_DEMO=1), creates the demo accounts of its tier that do not exist yet. */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly ctx: NodeContext,
    private readonly ds: DataSource,
    private readonly staff: StaffRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.ctx.env.demo) return;
    const accounts = DEMO_ACCOUNTS[this.ctx.tier];
    const hash = await this.hasher.hash(DEMO_PASSWORD);
    const created = await this.ds.transaction(async (m) => {
      await m.query('select pg_advisory_xact_lock($1)', [SEED_LOCK]);
      const made: string[] = [];
      for (const [i, a] of accounts.entries()) {
        if (await this.staff.loginExists(a.login, m)) continue;
        const idNumber = demoIdNumber(this.ctx.code, i);
        const id = uuidv7();
        await this.staff.insert(m, {
          id,
          login: a.login,
          name: a.name,
          node: this.ctx.code,
          roles: a.roles,
          idNumber: (await this.staff.idNumberExists(idNumber, null, m)) ? null : idNumber,
          passwordHash: hash,
          mustChangePassword: false,
          createdBy: 'demo',
        });
        await this.audit.anonymous(
          { action: 'staff.created', outcome: 'success', actorLogin: 'demo-seed', actorRole: 'system', subjectType: 'staff', subjectId: id, detail: { login: a.login, roles: a.roles, demo: true } },
          {},
          m,
        );
        made.push(a.login);
      }
      for (const a of accounts) {
        if (!a.backup || !made.includes(a.login)) continue;
        const [self, backup] = await Promise.all([this.staff.findByLogin(a.login, m), this.staff.findByLogin(a.backup.login, m)]);
        if (self && backup) await this.staff.replaceBackups(m, self.id, [{ role: a.backup.role, staffId: backup.id }]);
      }
      return made;
    });
    if (created.length > 0) this.ctx.logger.info({ component: 'identity', accounts: created }, `created ${created.length} demo accounts (TONGBAN_DEMO=1)`);
  }
}
