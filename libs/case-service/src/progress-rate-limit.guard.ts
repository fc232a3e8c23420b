import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';

const WINDOW_SECONDS = 60;
/** Lookups per minute from one address. */
export const PROGRESS_LIMIT_PER_ADDRESS = 20;
/** Lookups per minute of one case number, from anywhere: guessing the six ID characters stays hopeless. */
export const PROGRESS_LIMIT_PER_CASE = 10;

/**
 * Limits the public progress lookup, per address and per case number, with fixed one-minute windows
 * counted in the node's database (so the limit holds across replicas).
 */
@Injectable()
export class ProgressRateLimitGuard implements CanActivate {
  constructor(private readonly ds: DataSource) {}

  private async hit(key: string): Promise<{ hits: number; resetIn: number }> {
    const rows: Array<{ hits: number; resetIn: number }> = await this.ds.query(
      `insert into case_lookup_rate as r (key, window_start, hits) values ($1, clock_timestamp(), 1)
       on conflict (key) do update set
         hits = case when r.window_start <= clock_timestamp() - make_interval(secs => $2) then 1 else r.hits + 1 end,
         window_start = case when r.window_start <= clock_timestamp() - make_interval(secs => $2) then clock_timestamp() else r.window_start end
       returning hits, extract(epoch from r.window_start + make_interval(secs => $2) - clock_timestamp())::float8 as "resetIn"`,
      [key, WINDOW_SECONDS],
    );
    return rows[0]!;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const caseNumber = String(req.params.caseNumber ?? '').slice(0, 40);
    const [address, perCase] = await Promise.all([this.hit(`address|${req.ip ?? 'unknown'}`), this.hit(`case|${caseNumber}`)]);
    const over = [address.hits > PROGRESS_LIMIT_PER_ADDRESS ? address : undefined, perCase.hits > PROGRESS_LIMIT_PER_CASE ? perCase : undefined].filter((x) => x !== undefined);
    if (over.length === 0) return true;
    const seconds = Math.max(1, Math.ceil(Math.max(...over.map((o) => o.resetIn))));
    res.setHeader('Retry-After', String(seconds));
    throw new HttpException(
      { code: 'TOO_MANY_REQUESTS', message: `查询过于频繁，请 ${seconds} 秒后再试`, messageEn: `Too many lookups; try again in ${seconds} s`, retryAfterSeconds: seconds },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
