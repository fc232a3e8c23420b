import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { loadDemoCatalog } from '#libs/catalog-workbook';
import { NodeContext } from '#libs/node-kit';
import { CatalogAuthoringRepository } from './catalog-authoring.repository.js';
import { CatalogDraftsService } from './catalog-drafts.service.js';
import { CatalogPublicationService } from './catalog-publication.service.js';

const SEEDER = { id: 'system:demo-seed', role: 'catalog_editor' };

/**
 * On a demo city (TONGBAN_DEMO=1) with no catalog yet, publishes the demo catalog as version 1: the
 * workbook topology/demo-catalog.xlsx, read through the same parser as an import.
 */
@Injectable()
export class CatalogDemoSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: CatalogAuthoringRepository,
    private readonly drafts: CatalogDraftsService,
    private readonly publication: CatalogPublicationService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.ctx.env.demo || (await this.repo.currentVersion()) > 0) return;
    try {
      const DEMO_CATALOG = await loadDemoCatalog();
      for (const item of DEMO_CATALOG) await this.drafts.save(item.implementationCode, item, SEEDER);
      const v = await this.publication.publish(
        { changes: DEMO_CATALOG.map((i) => ({ code: i.implementationCode, action: 'publish' as const })), note: '演示目录 (demo catalog)' },
        SEEDER,
      );
      this.ctx.logger.info({ version: v.version, items: v.changes.length }, 'demo catalog published');
    } catch (err) {
      // Another replica may have published it first; the catalog is there either way.
      if ((await this.repo.currentVersion()) === 0) throw err;
    }
  }
}
