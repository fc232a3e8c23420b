import 'reflect-metadata';
import { bootstrapNode } from '#libs/node-kit';
import { CountyAppModule } from './app.module.js';

await bootstrapNode({ tier: 'county', title: 'Tongban county node (县级)', module: (ctx) => CountyAppModule.register(ctx) });
