import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';

const WINDOW_SECONDS = 60;
/** Lookups per minute from one address. */
export const PROGRESS_LIMIT_PER_ADDRESS = 20;
/** Lookups per minute of one case number, from anywhere: guessing the six ID characters stays hopeless. */
export const PROGRESS_LIMIT_PER_CASE = 10;

/** One limit: at most `max` hits of `key` in a fixed one-minute window. */
export interface PublicLimit {
  key: string;
  max: number;
}

/**
 * Counts one hit of each key in the node's database (so the limit holds across replicas), with fixed
 * one-minute windows, and refuses with 429 and Retry-After when any is over its limit.
 */
export async function enforcePublicLimits(ds: DataSource, context: ExecutionContext, limits: PublicLimit[], what: { zh: string; en: string }): Promise<boolean> {
  const hit = async (key: string): Promise<{ hits: number; resetIn: number }> => {
    const rows: Array<{ hits: number; resetIn: number }> = await ds.query(
      `insert into case_lookup_rate as r (key, window_start, hits) values ($1, clock_timestamp(), 1)
       on conflict (key) do update set
         hits = case when r.window_start <= clock_timestamp() - make_interval(secs => $2) then 1 else r.hits + 1 end,
         window_start = case when r.window_start <= clock_timestamp() - make_interval(secs => $2) then clock_timestamp() else r.window_start end
       returning hits, extract(epoch from r.window_start + make_interval(secs => $2) - clock_timestamp())::float8 as "resetIn"`,
      [key, WINDOW_SECONDS],
    );
    return rows[0]!;
  };
  const res = context.switchToHttp().getResponse<Response>();
  const counted = await Promise.all(limits.map(async (l) => ({ ...l, ...(await hit(l.key)) })));
  const over = counted.filter((c) => c.hits > c.max);
  if (over.length === 0) return true;
  const seconds = Math.max(1, Math.ceil(Math.max(...over.map((o) => o.resetIn))));
  res.setHeader('Retry-After', String(seconds));
  throw new HttpException(
    { code: 'TOO_MANY_REQUESTS', message: `${what.zh}过于频繁，请 ${seconds} 秒后再试`, messageEn: `Too many ${what.en}; try again in ${seconds} s`, retryAfterSeconds: seconds },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/** The caller's address, as the progress and rating limits count it. */
export const addressOf = (context: ExecutionContext): string => context.switchToHttp().getRequest<Request>().ip ?? 'unknown';

/**
 * Limits the public progress lookup, per address and per case number, with fixed one-minute windows
 * counted in the node's database (so the limit holds across replicas).
 */
@Injectable()
export class ProgressRateLimitGuard implements CanActivate {
  constructor(private readonly ds: DataSource) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const caseNumber = String(req.params.caseNumber ?? '').slice(0, 40);
    return enforcePublicLimits(
      this.ds,
      context,
      [
        { key: `address|${addressOf(context)}`, max: PROGRESS_LIMIT_PER_ADDRESS },
        { key: `case|${caseNumber}`, max: PROGRESS_LIMIT_PER_CASE },
      ],
      { zh: '查询', en: 'lookups' },
    );
  }
}
