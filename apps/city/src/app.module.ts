import { type DynamicModule, Module } from '@nestjs/common';
import { BACKBONE_MIGRATIONS, BackboneModule } from '#libs/backbone';
import { IDENTITY_MIGRATIONS, IdentityModule } from '#libs/identity';
import { type NodeContext, NodeKitModule } from '#libs/node-kit';
import { CATALOG_REPLICA_MIGRATIONS, CatalogReplicaModule } from '#libs/catalog-replica';
import { CASE_SERVICE_MIGRATIONS, CaseServiceModule } from '#libs/case-service';
import { SUPERVISION_MIGRATIONS, SupervisionModule } from '#libs/supervision';
import { COMPLAINTS_MIGRATIONS, ComplaintsModule } from '#libs/complaints';
import { CATALOG_AUTHORING_MIGRATIONS, CatalogAuthoringModule } from './catalog-authoring/catalog-authoring.module.js';
import { CITY_MONITOR_MIGRATIONS, CityMonitorModule } from './monitor/city-monitor.module.js';
import { ASSESSMENT_MIGRATIONS, AssessmentModule } from './assessment/assessment.module.js';
import { FOLLOW_UPS_MIGRATIONS, FollowUpsModule } from './follow-ups/follow-ups.module.js';

/** The city node: what every node has, plus the city's own features. */
@Module({})
export class CityAppModule {
  static register(context: NodeContext): DynamicModule {
    return {
      module: CityAppModule,
      imports: [
        NodeKitModule.forRoot({
          context,
          migrations: [...BACKBONE_MIGRATIONS, ...IDENTITY_MIGRATIONS, ...CATALOG_REPLICA_MIGRATIONS, ...CASE_SERVICE_MIGRATIONS, ...SUPERVISION_MIGRATIONS, ...COMPLAINTS_MIGRATIONS, ...CATALOG_AUTHORING_MIGRATIONS, ...CITY_MONITOR_MIGRATIONS, ...ASSESSMENT_MIGRATIONS, ...FOLLOW_UPS_MIGRATIONS],
        }),
        BackboneModule,
        IdentityModule,
        CatalogReplicaModule, CaseServiceModule, SupervisionModule, ComplaintsModule, CatalogAuthoringModule, CityMonitorModule, AssessmentModule, FollowUpsModule,
      ],
    };
  }
}
