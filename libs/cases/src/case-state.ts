import type { CaseTypeCode, ItemKindCode } from '#libs/catalog';
import type { CaseAction, ActionInputs, SpecialProcedureKind } from './actions.js';
import type { CaseOutcome, CaseStatus } from './statuses.js';

/** 事项类型 01: a licence needs one person to review and a different one to decide (一审一核). */
export const LICENCE_KIND: ItemKindCode = '01';

/**
 * What the rules need to know about a case. The service keeps much more (applicant, materials,
 * timeline); this is the part a transition reads and writes.
 */
export interface CaseState {
  caseNumber: string;
  status: CaseStatus;
  /** The one node that may change the case (审批权集中: exactly one holder at a time). */
  holder: string;
  /** The node that took the case in; the result comes back to its counter. */
  intakeNode: string;
  /** The node that decides, from the item's decision level (see routing). */
  decidingNode: string;
  itemKind: ItemKindCode;
  caseType: CaseTypeCode;
  /** 首问负责: the clerk who took the case in, its owner at the intake counter until it ends. */
  firstContact: string;
  /** The person at the holder working the case; absent until someone at a new holder takes it up. */
  handler?: string;
  /** Who took it up for review at the deciding node; a licence is decided by someone else. */
  reviewer?: string;
  /** The materials listed on the one-time notice (一次性告知), when one was issued. */
  oneTimeNotice?: readonly string[];
  /** The items listed on the correction notice (补正), when one was issued. */
  correction?: readonly string[];
  specialProcedure?: SpecialProcedureKind;
  /** Working days added by 延长审批 so far, all extensions together (at most MAX_EXTENSION_DAYS). */
  extendedDays: number;
  withdrawalRequested: boolean;
  outcome?: CaseOutcome;
  /** Bumped by every transition: the service writes with "where version = read version" so one of two concurrent actions wins. */
  version: number;
}

/** The person acting: who, at which node, and whose A/B backup (AB岗) they are for their role there. */
export interface Actor {
  id: string;
  node: string;
  backupOf: readonly string[];
}

export interface ActionContext<A extends CaseAction = CaseAction> {
  actor: Actor;
  input: ActionInputs[A];
}
