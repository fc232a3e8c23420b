import 'reflect-metadata';
import { bootstrapNode } from '#libs/node-kit';
import { TownshipAppModule } from './app.module.js';

await bootstrapNode({ tier: 'township', title: 'Tongban township node (乡镇级)', module: (ctx) => TownshipAppModule.register(ctx) });
