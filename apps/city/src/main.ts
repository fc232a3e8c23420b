import 'reflect-metadata';
import { bootstrapNode } from '#libs/node-kit';
import { CityAppModule } from './app.module.js';

await bootstrapNode({ tier: 'city', title: 'Tongban city node (市级)', module: (ctx) => CityAppModule.register(ctx) });
