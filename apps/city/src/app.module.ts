import { type DynamicModule, Module } from '@nestjs/common';
import { BACKBONE_MIGRATIONS, BackboneModule } from '#libs/backbone';
import { type NodeContext, NodeKitModule } from '#libs/node-kit';

/** The city node: what every node has, plus the city's own features. */
@Module({})
export class CityAppModule {
  static register(context: NodeContext): DynamicModule {
    return {
      module: CityAppModule,
      imports: [NodeKitModule.forRoot({ context, migrations: [...BACKBONE_MIGRATIONS] }), BackboneModule],
    };
  }
}
