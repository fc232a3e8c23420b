import { Injectable } from '@nestjs/common';
import { NodeContext } from './node-context.js';

/**
 * The node's "now", for rules that depend on the date (effective dates, and later time limits).
 * TONGBAN_CLOCK_OFFSET_SECONDS shifts it, so a node can be run as if it were later: a rehearsal
 * of a future-dated catalog version, or a test of one. Zero in production.
 */
@Injectable()
export class Clock {
  private readonly offsetMs: number;

  constructor(ctx: NodeContext) {
    this.offsetMs = ctx.env.TONGBAN_CLOCK_OFFSET_SECONDS * 1000;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Now as a SQL timestamptz literal; built from a Date, never from input. */
  sqlNow(): string {
    return `'${this.now().toISOString()}'::timestamptz`;
  }
}
