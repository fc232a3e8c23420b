import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tongban:public';

/** Marks an endpoint that anyone may call without signing in (health, metrics, public catalog). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
