import { CASE_REQUEST_ACTIONS, type CaseStepPayload, type EventEnvelope, TIMELINE_NOTES } from '#libs/contracts';
import { type CaseState, decidingNodeFor, parseCaseNumber, pathUp } from '#libs/cases';
import { DomainError } from '#libs/domain';
import type { CaseFile, CaseRecord, TimelineStep } from './case-file.js';

/** An event about a case that its sender could not have sent: parked, never applied. */
export class CaseEventRefusedError extends DomainError {
  readonly code = 'CASE_EVENT_REFUSED';
  readonly status = 422;
}

export const refuseCaseEvent = (zh: string, en: string): never => {
  throw new CaseEventRefusedError(zh, en);
};

/** The case's path, after checking that the state hangs together (numbered at intake, decider from the level). */
export function casePathOf(state: CaseState, record: Pick<CaseRecord, 'decisionLevel'>, key: string): string[] {
  if (state.caseNumber !== key) refuseCaseEvent('事件键与办件编号不符', `the event key ${key} is not the case number ${state.caseNumber}`);
  if (parseCaseNumber(state.caseNumber)?.nodeCode !== state.intakeNode) refuseCaseEvent('办件编号与收件节点不符', 'the case number was not given by the intake node');
  const decider = decidingNodeFor(state.intakeNode, record.decisionLevel);
  if (!decider.ok || decider.node !== state.decidingNode) refuseCaseEvent('决定节点与事项层级不符', 'the deciding node does not follow from the decision level');
  return pathUp(state.intakeNode, state.decidingNode);
}

/**
 * A node reports the steps it took; the holder also reports a request it applied for the intake
 * counter (a withdrawal asked for, a correction brought), made by the counter's clerk.
 */
export function checkReportedSteps(steps: readonly { node: string; action: string }[], source: string, intakeNode?: string): void {
  const fromCounter = (s: { node: string; action: string }) => s.node === intakeNode && (CASE_REQUEST_ACTIONS as readonly string[]).includes(s.action);
  if (steps.some((s) => s.node !== source && !fromCounter(s))) refuseCaseEvent('节点只能报告本节点的办理步骤', `node ${source} reported a step taken at another node`);
}

export interface CheckedCaseStep {
  file: CaseFile;
  path: string[];
  steps: TimelineStep[];
  /** The steps that moved the case (notes left out). */
  moves: TimelineStep[];
  /** The version the moves start from (state.version - moves), when there are moves. */
  base?: number;
}

/**
 * What can be checked of a `case.step` from the event alone, the sender known from its topic: the
 * state hangs together, the sender is on the case's path, reports only its own steps, and the
 * state's version is the one its steps end at. The receiver then checks it against its copy.
 */
export function checkCaseStepEvent(env: EventEnvelope<CaseStepPayload>): CheckedCaseStep {
  const p = env.payload;
  const file: CaseFile = { state: p.state as unknown as CaseState, record: p.record as unknown as CaseRecord };
  const path = casePathOf(file.state, file.record, env.key);
  if (!path.includes(env.source)) refuseCaseEvent('发送节点不在该办件的办理路径上', `node ${env.source} is not on the case's path`);
  const steps = p.steps as TimelineStep[];
  checkReportedSteps(steps, env.source, file.state.intakeNode);
  const moves = steps.filter((s) => !(TIMELINE_NOTES as readonly string[]).includes(s.action) && s.versionAfter !== undefined);
  if (moves.length === 0) return { file, path, steps, moves };
  if (Math.max(...moves.map((s) => s.versionAfter!)) !== file.state.version) refuseCaseEvent('办件版本与步骤不符', 'the state version does not match the steps');
  return { file, path, steps, moves, base: Math.min(...moves.map((s) => s.versionAfter!)) - 1 };
}
