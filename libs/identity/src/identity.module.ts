import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessGuard } from './access/access.guard.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditInterceptor } from './audit/audit.interceptor.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { RateLimitRepository } from './auth/rate-limit.repository.js';
import { SignInRateLimitGuard } from './auth/sign-in-rate-limit.guard.js';
import { SessionRepository } from './auth/session.repository.js';
import { TokenService } from './auth/token.service.js';
import { DemoSeeder } from './demo/demo-seeder.js';
import { HealthDetailsController } from './health/health-details.controller.js';
import { StaffController } from './staff/staff.controller.js';
import { StaffRepository } from './staff/staff.repository.js';
import { StaffService } from './staff/staff.service.js';
import { BackupLookup } from './staff/backup-lookup.service.js';

/**
 * Staff accounts, sign-in and the node's access rules. Importing it puts every endpoint of the node
 * behind the default-deny access guard and writes `@Audited` endpoints to the audit log.
 */
@Global()
@Module({
  controllers: [AuthController, StaffController, AuditController, HealthDetailsController],
  providers: [
    PasswordHasher,
    TokenService,
    RateLimitRepository,
    SignInRateLimitGuard,
    StaffRepository,
    SessionRepository,
    AuditRepository,
    AuditService,
    AuthService,
    StaffService,
    DemoSeeder,
    BackupLookup,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AuditService, TokenService, BackupLookup],
})
export class IdentityModule {}
