import 'reflect-metadata';
import { type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { ConfigError, loadNodeEnv, loadTopology, type Tier, TopologyError, TopologyIndex } from '#libs/config';
import { consoleDir } from './console.controller.js';
import { ErrorFilter } from './error.filter.js';
import { TextInputPipe, textInputGuard } from './input-guard.js';
import { createRootLogger, PinoNestLogger } from './logger.js';
import { NodeContext } from './node-context.js';
import { createValidationPipe } from './validation.js';

export interface NodeAppDefinition {
  tier: Tier;
  title: string;
  /** Builds the app's root module for this node. */
  module: (ctx: NodeContext) => DynamicModule;
}

/** Reads and checks the node's settings; on a bad setting, prints one sentence naming it and exits. */
export function resolveNodeContext(tier: Tier): NodeContext {
  try {
    const env = loadNodeEnv();
    const topology = new TopologyIndex(loadTopology(env.TONGBAN_TOPOLOGY));
    const self = topology.require(env.TONGBAN_NODE_CODE);
    if (self.tier !== tier) throw new ConfigError(`TONGBAN_NODE_CODE ${self.code} is a ${self.tier} node in the topology; this is the ${tier} app.`);
    const logger = createRootLogger({ node: self.code, tier, instance: env.TONGBAN_INSTANCE_ID }, env.TONGBAN_LOG_LEVEL);
    return new NodeContext(env, topology, self, logger);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof TopologyError) {
      process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: err.message })}\n`);
      process.stderr.write(`Tongban node not started: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}

export async function createNodeApp(def: NodeAppDefinition, ctx: NodeContext): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(def.module(ctx), {
    logger: new PinoNestLogger(ctx.logger),
    bodyParser: false,
    abortOnError: false,
  });
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  app.use(textInputGuard);
  // The console's scripts and fonts are its own (script-src 'self'); Ant Design writes its styles inline;
  // a printed document opens as a blob: URL of the PDF the node rendered.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'frame-src': ["'self'", 'blob:'],
          'object-src': ["'self'", 'blob:'],
        },
      },
    }),
  );
  // The console's hashed, immutable build files (the page itself is `/`, see ConsoleController).
  app.useStaticAssets(`${consoleDir()}/assets`, { prefix: '/assets/', immutable: true, maxAge: '365d', index: false });
  const origins = (process.env.TONGBAN_CORS_ORIGINS ?? '').split(',').filter(Boolean);
  app.enableCors({ origin: origins.length > 0 ? origins : false, credentials: true });
  app.use(pinoHttp({ logger: ctx.logger, autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' } }));
  app.useGlobalPipes(new TextInputPipe(), createValidationPipe());
  app.useGlobalFilters(new ErrorFilter(ctx.logger));
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle(`${def.title} — ${ctx.self.name} (${ctx.code})`)
    .setDescription('Tongban (通办) node API. 中文优先，English available.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** The whole start of a node process: settings, Nest app, HTTP listener. */
export async function bootstrapNode(def: NodeAppDefinition): Promise<void> {
  const ctx = resolveNodeContext(def.tier);
  try {
    const app = await createNodeApp(def, ctx);
    await app.listen(ctx.httpPort, '127.0.0.1');
    ctx.logger.info({ url: `http://127.0.0.1:${ctx.httpPort}`, docs: `http://127.0.0.1:${ctx.httpPort}/docs` }, `${ctx.self.name} is listening`);
  } catch (err) {
    ctx.logger.fatal({ err }, `node ${ctx.code} failed to start: ${(err as Error).message}`);
    process.exit(1);
  }
}
