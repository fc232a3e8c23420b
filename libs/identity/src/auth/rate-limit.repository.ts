import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The only place that touches sign_in_rate: fixed-window counters kept in the node's database. */
@Injectable()
export class RateLimitRepository {
  constructor(private readonly ds: DataSource) {}

  /** Counts one hit on `key`; a window older than `windowSeconds` starts again at 1. */
  async hit(key: string, windowSeconds: number): Promise<{ hits: number; resetInSeconds: number }> {
    const rows: Array<{ hits: number; resetIn: number }> = await this.ds.query(
      `insert into sign_in_rate as r (key, window_start, hits) values ($1, clock_timestamp(), 1)
       on conflict (key) do update set
         hits = case when r.window_start <= clock_timestamp() - make_interval(secs => $2) then 1 else r.hits + 1 end,
         window_start = case when r.window_start <= clock_timestamp() - make_interval(secs => $2) then clock_timestamp() else r.window_start end
       returning hits, extract(epoch from r.window_start + make_interval(secs => $2) - clock_timestamp())::float8 as "resetIn"`,
      [key, windowSeconds],
    );
    const row = rows[0]!;
    return { hits: row.hits, resetInSeconds: Math.max(1, Math.ceil(row.resetIn)) };
  }

  async purge(olderThanSeconds: number): Promise<number> {
    const res: [unknown[], number] = await this.ds.query(`delete from sign_in_rate where window_start < clock_timestamp() - make_interval(secs => $1)`, [olderThanSeconds]);
    return res[1];
  }
}
