import { tierOfCode } from '#libs/config';
import type { CatalogItemInput } from '#libs/catalog';
import type { CaseState } from './case-state.js';
import { isCaseNumber } from './case-number.js';
import { decidingNodeFor, type RoutingProblem } from './routing.js';

export interface OpenCaseInput {
  caseNumber: string;
  intakeNode: string;
  /** The item as the intake node's applied catalog has it. */
  item: Pick<CatalogItemInput, 'decisionLevel' | 'intakeLevels' | 'kindCode' | 'caseType'>;
  /** The clerk taking the case in: its first-contact owner (首问负责). */
  firstContact: string;
}

export type OpenCaseProblem = RoutingProblem | 'INTAKE_LEVEL_NOT_ALLOWED' | 'BAD_CASE_NUMBER';

/**
 * A new case in status `received`, held by the intake node, its decider fixed from the item's
 * decision level. The service then applies intake_complete or intake_incomplete in the same transaction.
 */
export function openCase(input: OpenCaseInput): { ok: true; state: CaseState } | { ok: false; problem: OpenCaseProblem } {
  if (!isCaseNumber(input.caseNumber)) return { ok: false, problem: 'BAD_CASE_NUMBER' };
  const tier = tierOfCode(input.intakeNode);
  if (tier === undefined) return { ok: false, problem: 'NOT_A_CENTRE' };
  if (!input.item.intakeLevels.includes(tier)) return { ok: false, problem: 'INTAKE_LEVEL_NOT_ALLOWED' };
  const decider = decidingNodeFor(input.intakeNode, input.item.decisionLevel);
  if (!decider.ok) return decider;
  return {
    ok: true,
    state: {
      caseNumber: input.caseNumber,
      status: 'received',
      holder: input.intakeNode,
      intakeNode: input.intakeNode,
      decidingNode: decider.node,
      itemKind: input.item.kindCode,
      caseType: input.item.caseType,
      firstContact: input.firstContact,
      handler: input.firstContact,
      withdrawalRequested: false,
      extendedDays: 0,
      version: 1,
    },
  };
}
