import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  type AssessmentFacts,
  type AssessmentWeights,
  buildReport,
  type CaseFact,
  type ComplaintFact,
  caseFactOf,
  type Centre,
  computeFigures,
  type FigureDifference,
  figureDifferences,
  type MonthlyReport,
  monthOf,
  nextMonth,
  type OrderFact,
  previousMonth,
  ranksOf,
  type RectificationFact,
  weightProblems,
} from '#libs/assessment';
import { localMidnight } from '#libs/cases';
import { CalendarService, CaseEventRefusedError, checkCaseStepEvent } from '#libs/case-service';
import {
  ComplaintAnsweredEvent,
  type ComplaintAnsweredPayload,
  ComplaintFiledEvent,
  type ComplaintFiledPayload,
  CaseStepEvent,
  type CaseStepPayload,
  type EventEnvelope,
  RectificationEvent,
  type RectificationPayload,
  SupervisionAnswerEvent,
  type SupervisionAnswerPayload,
  SupervisionOrderEvent,
  type SupervisionOrderPayload,
} from '#libs/contracts';
import { CodedConflictError, InvalidInputError, NotFoundError } from '#libs/domain';
import type { SignedInStaff } from '#libs/identity';
import { handlerFor } from '#libs/complaints';
import { Clock, NodeContext } from '#libs/node-kit';
import { LinkLogReader } from '../event-log/link-log.reader.js';
import { AssessmentRepository, type FrozenMonth, type MonthBounds, type WeightsVersion } from './assessment.repository.js';

/** A month that cannot be closed (not over, or closed already). */
export class AssessmentMonthError extends CodedConflictError {}

export interface Recomputation {
  month: string;
  /** What the recomputation was compared with: the frozen figures of a closed month, or the figures computed now from the city's tables. */
  comparedWith: 'frozen' | 'live';
  equal: boolean;
  differences: FigureDifference[];
  /** What was read: messages on the links, events used by kind, and what the city's own tables supplied (what never travels, or no longer is on a link). */
  read: {
    messages: number;
    caseSteps: number;
    orders: number;
    answers: number;
    rectifications: number;
    complaints: number;
    afterClose: number;
    refused: Record<string, number>;
    fromCity: { cases: number; orders: number; rectifications: number; complaints: number };
  };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The monthly assessment (效能考核) at the city: each centre's figures from the events the city
 * observed, the efficiency index and ranking, a month frozen when closed, and its recomputation from
 * the event log (which must reproduce the frozen figures).
 */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: AssessmentRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly log: LinkLogReader,
  ) {}

  private centres(): Centre[] {
    return this.ctx.topology.topology.nodes.map((n) => ({ code: n.code, name: n.name, tier: n.tier, ...(n.parent ? { parent: n.parent } : {}) }));
  }

  private checkMonth(month: string): MonthBounds {
    if (!MONTH.test(month)) throw new InvalidInputError('月份须为 YYYY-MM', 'month must be YYYY-MM', { field: 'month', value: month });
    return { from: new Date(localMidnight(`${month}-01`)).toISOString(), to: new Date(localMidnight(`${nextMonth(month)}-01`)).toISOString() };
  }

  /** The month's facts from the city's tables: its copies of the cases, its orders, its copies of the rectification items. */
  private async factsFromTables(month: string, b: MonthBounds): Promise<AssessmentFacts> {
    const cal = this.calendar.calendar;
    return {
      cases: (await this.repo.casesOfMonth(b)).map((f) => caseFactOf(f, cal)).filter((c) => relevant(c, month)),
      orders: await this.repo.ordersOfMonth(b),
      rectifications: await this.repo.rectificationsOfMonth(b),
      complaints: await this.repo.complaintsOfMonth(b),
    };
  }

  private async previousRanks(month: string): Promise<Map<string, { rank: number; index: number }>> {
    const prev = previousMonth(month);
    const frozen = await this.repo.frozen(prev);
    if (frozen) return ranksOf(frozen.report);
    const b = this.checkMonth(prev);
    const w = await this.repo.currentWeights();
    return ranksOf(this.build(prev, await this.factsFromTables(prev, b), w, 'open', null, new Map()));
  }

  private build(month: string, facts: AssessmentFacts, w: WeightsVersion, status: MonthlyReport['status'], closedAt: string | null, previous: Map<string, { rank: number; index: number }>): MonthlyReport {
    return buildReport({ month, centres: this.centres(), facts, weights: w.weights, weightsVersion: w.version, previous, status, closedAt, generatedAt: this.clock.now().toISOString() });
  }

  /** A month's report: frozen once closed; until then computed now, with the weights in force. */
  async report(month: string): Promise<MonthlyReport> {
    const b = this.checkMonth(month);
    const frozen = await this.repo.frozen(month);
    if (frozen) return frozen.report;
    if (month > this.currentMonth()) throw new NotFoundError(`${month} 尚未开始`, `${month} has not begun`);
    return this.build(month, await this.factsFromTables(month, b), await this.repo.currentWeights(), 'open', null, await this.previousRanks(month));
  }

  private currentMonth(): string {
    return monthOf(this.clock.now().toISOString());
  }

  /** Freezes a month that is over: its report as computed now is the one kept. */
  async close(month: string, staff: SignedInStaff): Promise<FrozenMonth> {
    const b = this.checkMonth(month);
    if (month >= this.currentMonth()) {
      throw new AssessmentMonthError('ASSESSMENT_MONTH_NOT_OVER', `${month} 尚未结束，不能关账`, `${month} is not over yet and cannot be closed`, { month });
    }
    const existing = await this.repo.frozen(month);
    if (existing) throw new AssessmentMonthError('ASSESSMENT_MONTH_CLOSED', `${month} 已关账`, `${month} is closed already`, { month, closedAt: existing.closedAt });
    const previous = await this.previousRanks(month);
    return this.repo.transaction(async (m) => {
      const w = await this.repo.currentWeights(m);
      const closedAt = this.clock.now().toISOString();
      const report = this.build(month, await this.factsFromTables(month, b), w, 'closed', closedAt, previous);
      const frozen: FrozenMonth = { month, closedAt, closedBy: staff.id, closedByName: staff.name, weightsVersion: w.version, report };
      if (!(await this.repo.freeze(m, frozen))) throw new AssessmentMonthError('ASSESSMENT_MONTH_CLOSED', `${month} 已关账`, `${month} is closed already`, { month });
      this.ctx.logger.info({ component: 'assessment', month, weightsVersion: w.version }, `month ${month} closed`);
      return frozen;
    });
  }

  /**
   * The month's figures again, from the event log this time (every link, read from the beginning, with
   * the inbox's checks), compared with the frozen ones (or, for an open month, with those from the
   * city's tables). What never travels is taken from the city's tables: cases taken in and decided at
   * the city, orders to a case the city holds, items the city opened; so is a case whose events the
   * links no longer keep (30 days). A closed month is recomputed from the events that occurred up to
   * its closing (`afterClose` counts the others); the city's own records are read as they are now.
   */
  async recompute(month: string): Promise<Recomputation> {
    const b = this.checkMonth(month);
    const frozen = await this.repo.frozen(month);
    const stored = frozen ? figuresOf(frozen.report) : computeFigures(month, this.centres(), await this.factsFromTables(month, b));
    const cal = this.calendar.calendar;
    const city = this.ctx.code;
    const cases = new Map<string, { version: number; fact: CaseFact }>();
    const orders = new Map<string, { version: number; fact: OrderFact }>();
    const answers = new Map<string, { at: string; from: string }>();
    const items = new Map<string, { version: number; fact: RectificationFact }>();
    const complaints = new Map<string, ComplaintFact>();
    const outcomes = new Map<string, { outcome: ComplaintFact['outcome']; from: string }>();
    const counts = { caseSteps: 0, orders: 0, answers: 0, rectifications: 0, complaints: 0, afterClose: 0 };
    // A closed month is recomputed as of its closing: what happened after it is not in the frozen figures.
    const asOf = frozen ? Date.parse(frozen.closedAt) : Infinity;
    const read = await this.log.read(uuidv7(), {
      purpose: 'assessment-recompute',
      onBatch: async (events, refuse) => {
        for (const { env } of events) {
          if (Date.parse(env.occurredAt) > asOf) {
            counts.afterClose++;
            continue;
          }
          if (env.type === CaseStepEvent.type) {
            try {
              const { file } = checkCaseStepEvent(env as unknown as EventEnvelope<CaseStepPayload>);
              counts.caseSteps++;
              const fact = caseFactOf(file, cal);
              const seen = cases.get(fact.caseNumber);
              if (relevant(fact, month) && (!seen || seen.version < file.state.version)) cases.set(fact.caseNumber, { version: file.state.version, fact });
            } catch (err) {
              if (!(err instanceof CaseEventRefusedError)) throw err;
              refuse(err.code);
            }
          } else if (env.type === SupervisionOrderEvent.type) {
            const o = (env.payload as unknown as SupervisionOrderPayload).order;
            counts.orders++;
            const seen = orders.get(o.id);
            if (!seen || seen.version < o.version) {
              orders.set(o.id, { version: o.version, fact: { id: o.id, holder: o.holder, issuedAt: o.issuedAt, answerBy: o.answerBy, answeredAt: o.answer?.at ?? null, flagged: o.flagged } });
            }
          } else if (env.type === SupervisionAnswerEvent.type) {
            const a = env.payload as unknown as SupervisionAnswerPayload;
            counts.answers++;
            // The first answer counts (the city keeps the first one too); whether it came from the holder is checked below.
            if (!answers.has(a.orderId)) answers.set(a.orderId, { at: a.answer.at, from: env.source });
          } else if (env.type === RectificationEvent.type) {
            const r = (env.payload as unknown as RectificationPayload).item;
            if (r.node !== env.source) {
              refuse('RECTIFICATION_NOT_SENDERS');
              continue;
            }
            counts.rectifications++;
            const seen = items.get(r.id);
            if (!seen || seen.version < r.version) items.set(r.id, { version: r.version, fact: { id: r.id, node: r.node, openedAt: r.openedAt, dueOn: r.dueOn, answeredAt: r.answer?.at ?? null } });
          } else if (env.type === ComplaintFiledEvent.type) {
            const c = (env.payload as unknown as ComplaintFiledPayload).complaint;
            // Filed by the node that took it, or forwarded by the city (as its receivers believe).
            if (env.source !== c.takenAtNode && env.source !== city) {
              refuse('COMPLAINT_NOT_SENDERS');
              continue;
            }
            counts.complaints++;
            if (!complaints.has(c.id)) complaints.set(c.id, { id: c.id, againstNode: c.againstNode, receivedAt: c.receivedAt, outcome: null });
          } else if (env.type === ComplaintAnsweredEvent.type) {
            const a = env.payload as unknown as ComplaintAnsweredPayload;
            if (!outcomes.has(a.complaint.id)) outcomes.set(a.complaint.id, { outcome: a.answer.outcome, from: env.source });
            if (!complaints.has(a.complaint.id) && env.source === a.complaint.handlingNode) {
              complaints.set(a.complaint.id, { id: a.complaint.id, againstNode: a.complaint.againstNode, receivedAt: a.complaint.receivedAt, outcome: null });
            }
          }
        }
      },
    });
    // What never travels, or no longer is on a link: the city's own records.
    const copies = (await this.repo.casesOfMonth(b)).filter((f) => !cases.has(f.state.caseNumber));
    for (const f of copies) cases.set(f.state.caseNumber, { version: 0, fact: caseFactOf(f, cal) });
    const cityOrders = await this.repo.ordersOfMonth(b, city);
    const cityItems = await this.repo.rectificationsOfMonth(b, city);
    const cityComplaints = await this.repo.complaintsOfMonth(b, city);

    const facts: AssessmentFacts = {
      cases: [...cases.values()].map((c) => c.fact).filter((c) => relevant(c, month)),
      orders: [
        ...[...orders.values()].map((o) => {
          const a = answers.get(o.fact.id);
          return { ...o.fact, answeredAt: a && a.from === o.fact.holder ? a.at : o.fact.answeredAt };
        }),
        ...cityOrders,
      ],
      rectifications: [...[...items.values()].map((i) => i.fact), ...cityItems],
      complaints: [
        ...[...complaints.values()].map((c) => {
          // Only the handler answers: an outcome from anyone else is not believed.
          const o = outcomes.get(c.id);
          return { ...c, outcome: o && handlerFor(this.ctx.topology, c.againstNode) === o.from ? o.outcome : null };
        }),
        ...cityComplaints.filter((c) => !complaints.has(c.id)),
      ],
    };
    const recomputed = computeFigures(month, this.centres(), facts);
    const differences = figureDifferences(stored, recomputed);
    return {
      month,
      comparedWith: frozen ? 'frozen' : 'live',
      equal: differences.length === 0,
      differences,
      read: { messages: read.read, ...counts, refused: read.refused, fromCity: { cases: copies.length, orders: cityOrders.length, rectifications: cityItems.length, complaints: cityComplaints.length } },
    };
  }

  async weights(): Promise<{ current: WeightsVersion; history: WeightsVersion[] }> {
    const history = await this.repo.weightsHistory();
    return { current: history[0]!, history };
  }

  async setWeights(weights: AssessmentWeights, reason: string, staff: SignedInStaff): Promise<WeightsVersion> {
    const problems = weightProblems(weights as unknown as Record<string, unknown>);
    if (problems.length > 0) throw new InvalidInputError('权重不合规：各项须为 0-100 的整数且合计 100', `The weights are invalid: ${problems.join('; ')}`, { field: 'weights', problems });
    return this.repo.transaction((m) => this.repo.addWeights(m, { weights, reason, changedBy: staff.id, changedByName: staff.name, changedAt: this.clock.now().toISOString() }));
  }
}

/** A case the month's figures read: received, decided or rated within it. */
function relevant(c: CaseFact, month: string): boolean {
  return monthOf(c.receivedAt) === month || (c.decidedAt !== null && monthOf(c.decidedAt) === month) || (c.rating !== null && monthOf(c.rating.at) === month);
}

function figuresOf(report: MonthlyReport) {
  const all = [...report.counties, ...report.townships.flatMap((t) => t.ranked), ...(report.city ? [report.city] : [])];
  return all.map((r) => r.figures).sort((a, b) => (a.node < b.node ? -1 : 1));
}

