import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NodeContext } from '#libs/node-kit';
import { RateLimitRepository } from './rate-limit.repository.js';

const WINDOW_SECONDS = 60;
const PURGE_EVERY_MS = 5 * 60_000;

/**
 * Limits sign-in and refresh attempts per minute: per address and login (TONGBAN_SIGNIN_RATE_LIMIT),
 * and per address (TONGBAN_SIGNIN_RATE_LIMIT_PER_IP). The counters live in the node's database, so
 * the limit holds across replicas. (@nestjs/throttler 6 is a CommonJS build that must `require()` the
 * ESM-only Nest 12, which Jest on Node 20 cannot load; see docs/identity.md.)
 */
@Injectable()
export class SignInRateLimitGuard implements CanActivate, OnApplicationBootstrap, OnApplicationShutdown {
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: RateLimitRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.purgeTimer = setInterval(() => {
      this.repo.purge(WINDOW_SECONDS * 2).catch((err: unknown) => this.ctx.logger.warn({ err, component: 'identity' }, 'could not purge sign-in rate counters'));
    }, PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purgeTimer);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const body = req.body as { login?: unknown } | undefined;
    const login = typeof body?.login === 'string' ? body.login.trim().toLowerCase().slice(0, 100) : '';
    const route = context.getHandler().name;
    const ip = req.ip ?? 'unknown';
    const env = this.ctx.env;
    const [perLogin, perAddress] = await Promise.all([
      this.repo.hit(`${route}|login|${ip}|${login}`, WINDOW_SECONDS),
      this.repo.hit(`${route}|address|${ip}`, WINDOW_SECONDS),
    ]);
    const over = [perLogin.hits > env.TONGBAN_SIGNIN_RATE_LIMIT ? perLogin : undefined, perAddress.hits > env.TONGBAN_SIGNIN_RATE_LIMIT_PER_IP ? perAddress : undefined].filter(
      (x) => x !== undefined,
    );
    if (over.length === 0) return true;
    const seconds = Math.max(...over.map((o) => o.resetInSeconds));
    res.setHeader('Retry-After', String(seconds));
    throw new HttpException(
      { code: 'TOO_MANY_REQUESTS', message: `登录尝试过于频繁，请 ${seconds} 秒后再试`, messageEn: `Too many sign-in attempts; try again in ${seconds} s`, retryAfterSeconds: seconds },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
