import { type DynamicModule, Global, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type MixedList } from 'typeorm';
import { Clock } from './clock.js';
import { dataSourceOptions, openDatabase } from './database.js';
import { ConsoleController } from './console.controller.js';
import { HealthController } from './health.controller.js';
import { HealthRegistry } from './health.registry.js';
import { KafkaService } from './kafka.service.js';
import { MetricsService } from './metrics.service.js';
import { NodeContext } from './node-context.js';

export interface NodeKitOptions {
  context: NodeContext;
  migrations: MixedList<Function>;
  entities?: MixedList<Function>;
}

@Injectable()
class CoreHealth implements OnModuleInit {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly ds: DataSource,
    private readonly kafka: KafkaService,
  ) {}

  onModuleInit(): void {
    this.registry.register('database', async () => {
      const started = Date.now();
      await this.ds.query('select 1');
      return { status: 'up', latencyMs: Date.now() - started };
    });
    this.registry.register('kafka', async () => {
      const { ok, detail } = await this.kafka.check();
      return { status: ok ? 'up' : 'down', ...detail };
    });
  }
}

/** What every node has: its context, database (migrated at start), Kafka client, health and metrics. */
@Global()
@Module({})
export class NodeKitModule {
  static forRoot(opts: NodeKitOptions): DynamicModule {
    const ctx = opts.context;
    return {
      module: NodeKitModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(ctx.databaseUrl, opts.migrations, opts.entities ?? [], `tongban-${ctx.code}`),
          dataSourceFactory: async (options) => openDatabase(options!),
        }),
      ],
      controllers: [HealthController, ConsoleController],
      providers: [{ provide: NodeContext, useValue: ctx }, Clock, KafkaService, HealthRegistry, MetricsService, CoreHealth],
      exports: [NodeContext, Clock, KafkaService, HealthRegistry, MetricsService, TypeOrmModule],
    };
  }
}
