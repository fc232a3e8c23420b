import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DEMO_COUNTY_IMPLEMENTATIONS, DEMO_COUNTY_ONLY_ITEMS } from '#libs/catalog';
import { CatalogReplicaService } from '#libs/catalog-replica';
import { NodeContext } from '#libs/node-kit';
import { ImplementationListService } from './implementation-list.service.js';

const SEEDER = { id: 'system:demo-seed' };

/**
 * On a demo county (TONGBAN_DEMO=1): publishes its demo county-only items once, and sets its demo
 * implementation-list entries as soon as the city's items they refine have arrived, never over an
 * entry that staff have set first.
 */
@Injectable()
export class ImplementationListSeeder implements OnApplicationBootstrap {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ctx: NodeContext,
    private readonly service: ImplementationListService,
    private readonly replica: CatalogReplicaService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.ctx.env.demo) return;
    const published = new Set((await this.service.listCountyItems()).map((i) => i.code));
    for (const { countyCode, item } of DEMO_COUNTY_ONLY_ITEMS) {
      if (countyCode === this.ctx.code && !published.has(item.implementationCode)) await this.service.publishCountyItem(item, SEEDER);
    }
    void this.seedImplementations();
  }

  private async seedImplementations(): Promise<void> {
    const mine = DEMO_COUNTY_IMPLEMENTATIONS.filter((o) => o.countyCode === this.ctx.code);
    for (let attempt = 0; attempt < 120 && mine.length > 0; attempt++) {
      const done = new Set((await this.service.listImplementations()).map((i) => i.code));
      const pending = mine.filter((o) => !done.has(o.itemCode));
      if (pending.length === 0) return;
      for (const o of pending) {
        if (!(await this.replica.liveCityItem(o.itemCode))) continue;
        const settings: Record<string, unknown> = { ...o };
        delete settings.countyCode;
        delete settings.itemCode;
        await this.service.setImplementation(o.itemCode, settings, SEEDER, { onlyIfUnset: true }).catch((err: Error) => this.ctx.logger.warn({ err, code: o.itemCode }, 'demo implementation entry refused'));
      }
      await new Promise((r) => (this.timer = setTimeout(r, 2000)));
    }
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }
}
