import { Module } from '@nestjs/common';
import { CatalogReplicaConsumer } from './catalog-replica.consumer.js';
import { CatalogReplicaRepository } from './catalog-replica.repository.js';
import { CatalogReplicaService } from './catalog-replica.service.js';
import { PublicCatalogController } from './public-catalog.controller.js';
import { PublicCatalogService } from './public-catalog.service.js';

/** Every node's copy of the catalog, kept from Kafka, and the public catalog API on it. */
@Module({
  controllers: [PublicCatalogController],
  providers: [CatalogReplicaRepository, CatalogReplicaService, CatalogReplicaConsumer, PublicCatalogService],
  exports: [CatalogReplicaService],
})
export class CatalogReplicaModule {}
