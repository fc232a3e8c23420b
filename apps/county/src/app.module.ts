import { type DynamicModule, Module } from '@nestjs/common';
import { BACKBONE_MIGRATIONS, BackboneModule } from '#libs/backbone';
import { type NodeContext, NodeKitModule } from '#libs/node-kit';

/** The county node: what every node has, plus the county's own features. */
@Module({})
export class CountyAppModule {
  static register(context: NodeContext): DynamicModule {
    return {
      module: CountyAppModule,
      imports: [NodeKitModule.forRoot({ context, migrations: [...BACKBONE_MIGRATIONS] }), BackboneModule],
    };
  }
}
