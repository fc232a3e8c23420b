import { readFileSync, statSync } from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import { NodeContext } from './node-context.js';

const FILE_CHECK_MS = 200;

/**
 * The node's "now", for rules that depend on the date (effective dates, time limits, lights).
 * TONGBAN_CLOCK_OFFSET_SECONDS shifts it, so a node can be run as if it were later: a rehearsal
 * of a future-dated catalog version, or a test of one. Zero in production.
 *
 * TONGBAN_CLOCK_FILE names a JSON file `{ "offsetMs": n }` that is added on top and re-read when it
 * changes (checked at most every 200 ms): a test network shares one file, so a test moves every
 * node's time at once and watches lights change "on their own". A missing or unreadable file adds nothing.
 */
@Injectable()
export class Clock {
  private readonly logger = new Logger('Clock');
  private readonly offsetMs: number;
  private readonly file?: string;
  private fileOffsetMs = 0;
  private fileCheckedAt = 0;
  private fileMtimeMs = -1;

  constructor(ctx: NodeContext) {
    this.offsetMs = ctx.env.TONGBAN_CLOCK_OFFSET_SECONDS * 1000;
    this.file = ctx.env.TONGBAN_CLOCK_FILE;
    if (this.file) this.logger.warn(`The clock follows ${this.file} (a test clock): never set TONGBAN_CLOCK_FILE in production`);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs + this.sharedOffset());
  }

  /** Now as a SQL timestamptz literal; built from a Date, never from input. */
  sqlNow(): string {
    return `'${this.now().toISOString()}'::timestamptz`;
  }

  private sharedOffset(): number {
    if (!this.file) return 0;
    const t = Date.now();
    if (t - this.fileCheckedAt < FILE_CHECK_MS) return this.fileOffsetMs;
    this.fileCheckedAt = t;
    try {
      const mtime = statSync(this.file).mtimeMs;
      if (mtime !== this.fileMtimeMs) {
        const offset = (JSON.parse(readFileSync(this.file, 'utf8')) as { offsetMs?: unknown }).offsetMs;
        if (typeof offset === 'number' && Number.isFinite(offset)) this.fileOffsetMs = offset;
        this.fileMtimeMs = mtime;
      }
    } catch {
      // Missing or half-written: keep the last offset read; the next check tries again.
    }
    return this.fileOffsetMs;
  }
}
