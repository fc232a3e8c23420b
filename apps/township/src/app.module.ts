import { type DynamicModule, Module } from '@nestjs/common';
import { BACKBONE_MIGRATIONS, BackboneModule } from '#libs/backbone';
import { type NodeContext, NodeKitModule } from '#libs/node-kit';

/** The township node: what every node has, plus the township's own features. */
@Module({})
export class TownshipAppModule {
  static register(context: NodeContext): DynamicModule {
    return {
      module: TownshipAppModule,
      imports: [NodeKitModule.forRoot({ context, migrations: [...BACKBONE_MIGRATIONS] }), BackboneModule],
    };
  }
}
