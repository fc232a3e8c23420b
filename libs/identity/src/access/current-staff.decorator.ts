import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { SignedInStaff } from './signed-in-staff.js';

/** The signed-in staff member of the request, on an endpoint that declares `@Roles(...)`. */
export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): SignedInStaff => {
  const staff = ctx.switchToHttp().getRequest<{ staff?: SignedInStaff }>().staff;
  // Only reachable on an endpoint without @Roles, which the guard already refuses.
  if (!staff) throw new Error('CurrentStaff used on an endpoint that does not declare @Roles');
  return staff;
});
