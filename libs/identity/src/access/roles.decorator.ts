import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ROLES, type Role } from '../roles.js';

export const ROLES_KEY = 'tongban:roles';

/**
 * The roles that may call an endpoint (on a controller: all its endpoints). Every endpoint declares
 * this or `@Public()`; the access guard refuses one that declares neither.
 */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth()) as MethodDecorator & ClassDecorator;

/** Any signed-in staff member of this node, whatever their role (their own profile, signing out). */
export const SignedIn = (): MethodDecorator & ClassDecorator => Roles(...ROLES);

export const BEFORE_PASSWORD_CHANGE_KEY = 'tongban:before-password-change';

/** Open to a signed-in person whose password an administrator set and who has not yet changed it. */
export const AllowedBeforePasswordChange = (): MethodDecorator & ClassDecorator => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);
