import { Module } from '@nestjs/common';
import { CatalogReplicaModule } from '#libs/catalog-replica';
import { ImplementationListController } from './implementation-list.controller.js';
import { ImplementationListRepository } from './implementation-list.repository.js';
import { ImplementationListSeeder } from './implementation-list.seeder.js';
import { ImplementationListService } from './implementation-list.service.js';
import { CreateCountyCatalogLog1763900300000 } from './migrations/1763900300000-create-county-catalog-log.js';

export const IMPLEMENTATION_LIST_MIGRATIONS = [CreateCountyCatalogLog1763900300000];

@Module({
  imports: [CatalogReplicaModule],
  controllers: [ImplementationListController],
  providers: [ImplementationListRepository, ImplementationListService, ImplementationListSeeder],
})
export class ImplementationListModule {}
