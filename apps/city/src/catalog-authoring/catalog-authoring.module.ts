import { Module } from '@nestjs/common';
import { CatalogAuthoringConsumer } from './catalog-authoring.consumer.js';
import { CatalogReplicaModule } from '#libs/catalog-replica';
import { CatalogAuthoringController } from './catalog-authoring.controller.js';
import { CatalogAuthoringRepository } from './catalog-authoring.repository.js';
import { CatalogDemoSeeder } from './catalog-demo.seeder.js';
import { CatalogDraftsService } from './catalog-drafts.service.js';
import { CatalogImportService } from './catalog-import.service.js';
import { CatalogPublicationService } from './catalog-publication.service.js';
import { CatalogReadingService } from './catalog-reading.service.js';
import { CreateCatalogAuthoringTables1763900200000 } from './migrations/1763900200000-create-catalog-authoring-tables.js';

export const CATALOG_AUTHORING_MIGRATIONS = [CreateCatalogAuthoringTables1763900200000];

/** Authoring and publication of the unified catalog, at the city. */
@Module({
  imports: [CatalogReplicaModule],
  controllers: [CatalogAuthoringController],
  providers: [CatalogAuthoringRepository, CatalogDraftsService, CatalogImportService, CatalogPublicationService, CatalogReadingService, CatalogAuthoringConsumer, CatalogDemoSeeder],
})
export class CatalogAuthoringModule {}
