import { Injectable } from '@nestjs/common';

export interface HealthReport {
  status: 'up' | 'down';
  [detail: string]: unknown;
}

export type HealthIndicator = () => Promise<HealthReport>;

/** Features register what `/health` checks; the node is healthy only when every check is up. */
@Injectable()
export class HealthRegistry {
  private readonly indicators = new Map<string, HealthIndicator>();

  register(name: string, indicator: HealthIndicator): void {
    this.indicators.set(name, indicator);
  }

  async check(timeoutMs = 3000): Promise<{ healthy: boolean; checks: Record<string, HealthReport> }> {
    const entries = await Promise.all(
      [...this.indicators].map(async ([name, fn]) => {
        const timeout = new Promise<HealthReport>((resolve) => setTimeout(() => resolve({ status: 'down', error: `no answer within ${timeoutMs} ms` }), timeoutMs).unref());
        const report = await Promise.race([fn().catch((err: unknown) => ({ status: 'down' as const, error: (err as Error).message })), timeout]);
        return [name, report] as const;
      }),
    );
    const checks = Object.fromEntries(entries);
    return { healthy: entries.every(([, r]) => r.status === 'up'), checks };
  }
}
