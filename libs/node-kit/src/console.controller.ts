import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { NodeContext } from './node-context.js';
import { Public } from './public.decorator.js';

/**
 * Where the staff console's build lives: `dist/console` at the repository's root (`npm run setup` builds
 * it with Vite), or TONGBAN_CONSOLE_DIR. This file runs from dist/libs/node-kit/src.
 */
export function consoleDir(): string {
  return process.env.TONGBAN_CONSOLE_DIR ?? fileURLToPath(new URL('../../../console', import.meta.url));
}

/** The console's page (`/`; its own pages are under the hash) and what it may know before sign-in. */
@ApiTags('console')
@Controller()
export class ConsoleController {
  constructor(private readonly ctx: NodeContext) {}

  @Public()
  @Get()
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'The staff console (web page); its pages are addressed after the #' })
  index(@Res() res: Response): void {
    // Read each time (a few hundred bytes): a rebuilt console is served without restarting the node.
    const file = join(consoleDir(), 'index.html');
    if (!existsSync(file)) {
      res.status(404).json({ code: 'CONSOLE_NOT_BUILT', message: '工作台页面尚未构建：请运行 npm run setup', messageEn: 'The console is not built: run npm run setup' });
      return;
    }
    res.type('html').send(readFileSync(file, 'utf8'));
  }

  @Public()
  @Get('public/node')
  @ApiOperation({ summary: 'This node: code, name, tier and parent (for the console before sign-in)' })
  node() {
    const { code, name, tier, parent } = this.ctx.self;
    return { code, name, tier, parent: parent ?? null };
  }

  @Public()
  @Get('public/network')
  @ApiOperation({ summary: 'The centres of the network (code, name, tier, parent), for showing names instead of codes' })
  network() {
    return this.ctx.topology.topology.nodes.map(({ code, name, tier, parent }) => ({ code, name, tier, parent: parent ?? null }));
  }
}
