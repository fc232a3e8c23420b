import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ComplaintRepository } from './complaint.repository.js';

/** Public complaints filed from one address in an hour: enough for a family, not for a flood. */
export const PUBLIC_FILINGS_PER_ADDRESS_PER_HOUR = 10;
/** Progress lookups a minute from one address, and of one complaint number from anywhere (guessing a secret stays hopeless). */
export const LOOKUPS_PER_ADDRESS_PER_MINUTE = 20;
export const LOOKUPS_PER_NUMBER_PER_MINUTE = 10;

interface Limit {
  key: string;
  windowSeconds: number;
  max: number;
}

async function enforce(repo: ComplaintRepository, context: ExecutionContext, limits: Limit[]): Promise<boolean> {
  const res = context.switchToHttp().getResponse<Response>();
  const hits = await Promise.all(limits.map(async (l) => ({ ...l, ...(await repo.hit(l.key, l.windowSeconds)) })));
  const over = hits.filter((h) => h.hits > h.max);
  if (over.length === 0) return true;
  const seconds = Math.max(1, Math.ceil(Math.max(...over.map((o) => o.resetIn))));
  res.setHeader('Retry-After', String(seconds));
  throw new HttpException(
    { code: 'TOO_MANY_REQUESTS', message: `提交或查询过于频繁，请 ${seconds} 秒后再试`, messageEn: `Too many requests; try again in ${seconds} s`, retryAfterSeconds: seconds },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/** Limits the public complaint form per address, in fixed windows counted in the node's database (so across replicas). */
@Injectable()
export class PublicComplaintRateLimitGuard implements CanActivate {
  constructor(private readonly repo: ComplaintRepository) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    return enforce(this.repo, context, [{ key: `file|address|${req.ip ?? 'unknown'}`, windowSeconds: 3600, max: PUBLIC_FILINGS_PER_ADDRESS_PER_HOUR }]);
  }
}

/** Limits the public progress lookup per address and per complaint number. */
@Injectable()
export class ComplaintLookupRateLimitGuard implements CanActivate {
  constructor(private readonly repo: ComplaintRepository) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const number = String(req.params.number ?? '').slice(0, 40);
    return enforce(this.repo, context, [
      { key: `lookup|address|${req.ip ?? 'unknown'}`, windowSeconds: 60, max: LOOKUPS_PER_ADDRESS_PER_MINUTE },
      { key: `lookup|number|${number}`, windowSeconds: 60, max: LOOKUPS_PER_NUMBER_PER_MINUTE },
    ]);
  }
}
