import { type DynamicModule, Module } from '@nestjs/common';
import { BACKBONE_MIGRATIONS, BackboneModule } from '#libs/backbone';
import { IDENTITY_MIGRATIONS, IdentityModule } from '#libs/identity';
import { type NodeContext, NodeKitModule } from '#libs/node-kit';
import { CATALOG_REPLICA_MIGRATIONS, CatalogReplicaModule } from '#libs/catalog-replica';
import { CASE_SERVICE_MIGRATIONS, CaseServiceModule } from '#libs/case-service';
import { SUPERVISION_MIGRATIONS, SupervisionModule } from '#libs/supervision';
import { COMPLAINTS_MIGRATIONS, ComplaintsModule } from '#libs/complaints';

/** The township node: what every node has, plus the township's own features. */
@Module({})
export class TownshipAppModule {
  static register(context: NodeContext): DynamicModule {
    return {
      module: TownshipAppModule,
      imports: [
        NodeKitModule.forRoot({ context, migrations: [...BACKBONE_MIGRATIONS, ...IDENTITY_MIGRATIONS, ...CATALOG_REPLICA_MIGRATIONS, ...CASE_SERVICE_MIGRATIONS, ...SUPERVISION_MIGRATIONS, ...COMPLAINTS_MIGRATIONS] }),
        BackboneModule,
        IdentityModule,
        CatalogReplicaModule, CaseServiceModule, SupervisionModule, ComplaintsModule,
      ],
    };
  }
}
