import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { candidatesDigest, canonicalCandidates, DRAW_ALGORITHM, drawFollowUps, type DrawCandidate, parseCandidates } from '#libs/assessment';
import { CalendarService } from '#libs/case-service';
import { NotFoundError } from '#libs/domain';
import { Clock, NodeContext } from '#libs/node-kit';
import { FollowUpConflictError } from './follow-up-errors.js';
import { type Draw, type FollowUp, FollowUpsRepository, monthRange } from './follow-ups.repository.js';

const zip = promisify(gzip);
const unzip = promisify(gunzip);

export interface Drawer {
  id: string;
  name: string;
}

/** What an auditor's redraw found. */
export interface DrawVerification {
  month: string;
  seed: string;
  /** The recorded candidates were intact and the redraw chose exactly the recorded cases, stratum by stratum. */
  same: boolean;
  recorded: { candidateCount: number; candidatesDigest: string; intact: boolean; cases: string[] };
  redrawn: { candidateCount: number; candidatesDigest: string; cases: string[] };
  /** The month's closed cases as the monitor has them now: more may have closed after the draw (a node that was offline). */
  current: { candidateCount: number; candidatesDigest: string; sameAsRecorded: boolean };
}

/**
 * The month's follow-up draw (抽查回访) at the city: the cases the monitor saw close in the month, drawn
 * with `drawFollowUps`, stored with the seed and the candidate list so that anyone can draw again and
 * get the same cases. One draw per month.
 */
@Injectable()
export class FollowUpDrawService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: FollowUpsRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  async draw(input: { month: string; size?: number; seed?: string }, by: Drawer): Promise<Draw & { items: FollowUp[] }> {
    const { to } = monthRange(input.month);
    if (this.calendar.today() < to) {
      throw new FollowUpConflictError('FOLLOW_UP_MONTH_NOT_OVER', `${input.month} 尚未结束，月末后才能抽取回访办件`, `${input.month} is not over; its cases are drawn after its last day`, { month: input.month });
    }
    const existing = await this.find(input.month);
    if (existing) throw this.second(existing);
    const candidates = await this.repo.closedIn(input.month);
    if (candidates.length === 0) {
      throw new FollowUpConflictError('FOLLOW_UP_NO_CANDIDATES', `${input.month} 没有已办结的办件可供抽取`, `no case closed in ${input.month}: there is nothing to draw`, { month: input.month });
    }
    const seed = input.seed ?? randomBytes(16).toString('hex');
    const drawn = drawFollowUps(candidates, input.size ?? this.ctx.env.TONGBAN_FOLLOW_UP_SIZE, seed);
    const closed = await this.repo.closedCases(drawn.cases.map((c) => c.caseNumber));
    const draw: Draw = {
      id: uuidv7(),
      month: input.month,
      seed,
      size: drawn.size,
      candidateCount: drawn.candidateCount,
      candidatesDigest: candidatesDigest(candidates),
      strata: drawn.strata,
      algorithm: DRAW_ALGORITHM,
      drawnAt: this.clock.now().toISOString(),
      drawnBy: by.id,
      drawnByName: by.name,
    };
    const items: FollowUp[] = drawn.cases.map((c) => {
      const seen = closed.get(c.caseNumber)!;
      return { id: uuidv7(), drawId: draw.id, month: input.month, ...c, intakeNode: seen.intakeNode, itemName: seen.itemName, closedOn: seen.closedOn, status: 'pending', calls: [], problemFound: false };
    });
    const stored = await zip(Buffer.from(canonicalCandidates(candidates), 'utf8'));
    const inserted = await this.repo.transaction(async (m) => {
      if (!(await this.repo.insertDraw(m, draw, stored))) return false;
      await this.repo.insertItems(m, items);
      return true;
    });
    // Another coordinator, or another replica, drew the month meanwhile: theirs stands.
    if (!inserted) throw this.second((await this.find(input.month))!);
    return { ...this.named(draw), items };
  }

  /** A month has one draw: a second is refused with the first. */
  private second(existing: Draw & { items: FollowUp[] }): FollowUpConflictError {
    return new FollowUpConflictError('FOLLOW_UP_DRAW_EXISTS', `${existing.month} 已抽取过回访办件，每月只抽取一次`, `${existing.month} has been drawn already; a month is drawn once`, { draw: existing });
  }

  async find(month: string): Promise<(Draw & { items: FollowUp[] }) | undefined> {
    const draw = await this.repo.findDraw(month);
    return draw && { ...this.named(draw), items: await this.repo.drawItems(draw.id) };
  }

  async get(month: string): Promise<Draw & { items: FollowUp[] }> {
    const found = await this.find(month);
    if (!found) throw new NotFoundError(`${month} 尚未抽取回访办件`, `${month} has not been drawn`);
    return found;
  }

  /** Draws again from the recorded seed and candidates, and says whether the same cases come out. */
  async verify(month: string): Promise<DrawVerification> {
    const { items, ...draw } = await this.get(month);
    const recorded = parseCandidates((await unzip((await this.repo.drawCandidates(month))!)).toString('utf8'));
    const redrawn = drawFollowUps(recorded, draw.size, draw.seed);
    const recordedDigest = candidatesDigest(recorded);
    const intact = recordedDigest === draw.candidatesDigest && recorded.length === draw.candidateCount;
    const recordedCases = items.map((i) => `${i.stratum}:${i.caseNumber}`);
    const redrawnCases = redrawn.cases.map((c) => `${c.stratum}:${c.caseNumber}`);
    const now: DrawCandidate[] = await this.repo.closedIn(month);
    const nowDigest = candidatesDigest(now);
    return {
      month,
      seed: draw.seed,
      same: intact && recordedCases.join() === redrawnCases.join(),
      recorded: { candidateCount: draw.candidateCount, candidatesDigest: draw.candidatesDigest, intact, cases: items.map((i) => i.caseNumber) },
      redrawn: { candidateCount: redrawn.candidateCount, candidatesDigest: recordedDigest, cases: redrawn.cases.map((c) => c.caseNumber) },
      current: { candidateCount: new Set(now.map((c) => c.caseNumber)).size, candidatesDigest: nowDigest, sameAsRecorded: nowDigest === draw.candidatesDigest },
    };
  }

  /** The strata with the names of their centres, for people. */
  private named(draw: Draw): Draw {
    return { ...draw, strata: draw.strata.map((s) => ({ ...s, name: this.ctx.topology.get(s.stratum)?.name ?? null })) };
  }
}
