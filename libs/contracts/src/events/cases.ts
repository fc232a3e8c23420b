import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ACTION_CODES, CASE_NUMBER, MAX_EXTENSION_DAYS, OUTCOMES, SPECIAL_PROCEDURE_KINDS, STATUS_CODES } from '#libs/cases';
import { NODE_CODE } from '../envelope.js';
import { defineEvent } from '../registry.js';

/** Timeline entries that are not transitions: a request sent to the holder, or refused by it. */
export const TIMELINE_NOTES = ['request_sent', 'request_refused'] as const;
export type TimelineNote = (typeof TIMELINE_NOTES)[number];
export const TIMELINE_KINDS = [...ACTION_CODES, ...TIMELINE_NOTES] as const;

const STAFF_ID = /^[\w.:-]{1,100}$/;

const INSTANT = { strict: true } as const;

/** A pause of the case clock (补正, 特别程序) as it travels. */
export class ClockPauseData {
  @IsIn(['correction', 'special_procedure'])
  kind: string;

  @IsOptional()
  @IsIn(SPECIAL_PROCEDURE_KINDS.map((k) => k.code))
  procedure?: string;

  @IsISO8601(INSTANT)
  from: string;

  @IsOptional()
  @IsISO8601(INSTANT)
  to?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  capDays?: number;
}

/** An approved extension (延长审批) as it travels. */
export class ClockExtensionData {
  @IsInt()
  @Min(1)
  @Max(30)
  days: number;

  @IsString()
  @MaxLength(500)
  reason: string;

  @Matches(STAFF_ID)
  approvedBy: string;

  @IsString()
  @MaxLength(100)
  approvedByName: string;

  @IsISO8601(INSTANT)
  at: string;
}

/** Who held the case from when, for the budget spent at each level (责任追究). */
export class HoldingSegmentData {
  @IsISO8601(INSTANT)
  from: string;

  @Matches(NODE_CODE)
  node: string;

  @IsIn(['township', 'county', 'city', 'in_transit'])
  level: string;
}

/** The case clock (限时办结): a budget and its ledger, as it travels. */
export class CaseClockData {
  @IsISO8601(INSTANT)
  acceptedAt: string;

  @IsInt()
  @Min(0)
  @Max(3650)
  committedDays: number;

  @IsString()
  @MaxLength(200)
  calendarVersion: string;

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ClockPauseData)
  pauses: ClockPauseData[];

  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ClockExtensionData)
  extensions: ClockExtensionData[];

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => HoldingSegmentData)
  holding: HoldingSegmentData[];

  @IsOptional()
  @IsISO8601(INSTANT)
  stoppedAt?: string;
}

/** The part of a case the rules read and write (CaseState of `#libs/cases`), as it travels. */
export class CaseStateData {
  @Matches(CASE_NUMBER, { message: 'caseNumber must be a 27-character case number' })
  caseNumber: string;

  @IsIn(STATUS_CODES)
  status: string;

  @Matches(NODE_CODE)
  holder: string;

  @Matches(NODE_CODE)
  intakeNode: string;

  @Matches(NODE_CODE)
  decidingNode: string;

  @Matches(/^\d{2}$/)
  itemKind: string;

  @IsIn(['1', '2'])
  caseType: string;

  @Matches(STAFF_ID)
  firstContact: string;

  @IsOptional()
  @Matches(STAFF_ID)
  handler?: string;

  @IsOptional()
  @Matches(STAFF_ID)
  reviewer?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  oneTimeNotice?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  correction?: string[];

  @IsOptional()
  @IsIn(SPECIAL_PROCEDURE_KINDS.map((k) => k.code))
  specialProcedure?: string;

  @IsBoolean()
  withdrawalRequested: boolean;

  /** Working days added by 延长审批 so far; absent in events from a node that predates it (read as 0). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_EXTENSION_DAYS)
  extendedDays?: number;

  @IsOptional()
  @IsIn(OUTCOMES)
  outcome?: string;

  @IsInt()
  @Min(1)
  version: number;
}

/**
 * What the service keeps beside the state: the applicant, the matter, the materials, the dates and the
 * documents. Its parts are checked for shape here and read only as data by the receiver.
 */
export class CaseRecordData {
  @IsString()
  @MaxLength(24)
  itemCode: string;

  @IsString()
  @MaxLength(200)
  itemName: string;

  @IsIn(['township', 'county', 'city'])
  decisionLevel: string;

  @IsString()
  @MaxLength(20)
  itemOrigin: string;

  @IsString()
  @MaxLength(100)
  firstContactName: string;

  @IsObject()
  applicant: Record<string, unknown>;

  @IsIn(['1', '2', '3', '4'])
  channel: string;

  @IsObject()
  materials: Record<string, unknown>;

  @IsISO8601({ strict: true })
  receivedAt: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  acceptedAt?: string;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueDate?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  committedDays?: number;

  @IsOptional()
  @IsISO8601({ strict: true })
  decidedAt?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CaseClockData)
  clock?: CaseClockData;

  @IsOptional()
  @IsISO8601({ strict: true })
  statusSince?: string;

  @IsOptional()
  @IsObject()
  result?: Record<string, unknown>;

  @IsOptional()
  @IsObject()
  delivery?: Record<string, unknown>;

  @IsOptional()
  @IsObject()
  rating?: Record<string, unknown>;

  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  documents: Array<Record<string, unknown>>;
}

/** One entry of a case's timeline (责任追究): who, in which role, at which node, when, what, why. */
export class TimelineStepData {
  @IsUUID()
  id: string;

  @IsISO8601({ strict: true })
  at: string;

  @Matches(NODE_CODE)
  node: string;

  @Matches(STAFF_ID)
  actorId: string;

  @IsString()
  @MaxLength(100)
  actorName: string;

  @IsString()
  @MaxLength(50)
  actorRole: string;

  @IsIn(TIMELINE_KINDS)
  action: string;

  @IsOptional()
  @IsIn(STATUS_CODES)
  statusAfter?: string;

  @IsOptional()
  @Matches(NODE_CODE)
  holderAfter?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  versionAfter?: number;

  @IsObject()
  details: Record<string, unknown>;
}

/**
 * A case changed at its holder: the state and record after the change, and the timeline entries it
 * made. Sent to every other node on the case's path (intake to decider), and to the city when no
 * other node is on it; the city observes the rest. Receivers keep the newest version and every entry.
 */
export class CaseStepPayload {
  @IsDefined()
  @ValidateNested()
  @Type(() => CaseStateData)
  state: CaseStateData;

  @IsDefined()
  @ValidateNested()
  @Type(() => CaseRecordData)
  record: CaseRecordData;

  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TimelineStepData)
  steps: TimelineStepData[];
}

export const CASE_REQUEST_ACTIONS = ['request_withdrawal', 'correction_received'] as const;
export type CaseRequestAction = (typeof CASE_REQUEST_ACTIONS)[number];

/** The person at the intake counter behind a request, as their node vouches for them. */
export class RequestActorData {
  @Matches(STAFF_ID)
  id: string;

  @IsString()
  @MaxLength(100)
  name: string;

  @IsString()
  @MaxLength(50)
  role: string;

  @IsArray()
  @ArrayMaxSize(50)
  @Matches(STAFF_ID, { each: true })
  backupOf: string[];
}

/** A request from the intake counter to the case's holder (a withdrawal, a correction supplied). */
export class CaseRequestPayload {
  @Matches(CASE_NUMBER)
  caseNumber: string;

  @IsIn(CASE_REQUEST_ACTIONS)
  action: CaseRequestAction;

  @IsObject()
  input: Record<string, unknown>;

  @IsDefined()
  @ValidateNested()
  @Type(() => RequestActorData)
  actor: RequestActorData;

  /** The intake node's own timeline entry for the request (request_sent). */
  @IsDefined()
  @ValidateNested()
  @Type(() => TimelineStepData)
  step: TimelineStepData;
}

export const CaseStepEvent = defineEvent({
  type: 'case.step',
  schemaVersion: 1,
  payload: CaseStepPayload,
  senders: ['city', 'county', 'township'],
  receivers: ['city', 'county', 'township'],
  channel: 'link',
});

export const CaseRequestEvent = defineEvent({
  type: 'case.request',
  schemaVersion: 1,
  payload: CaseRequestPayload,
  senders: ['city', 'county', 'township'],
  receivers: ['city', 'county', 'township'],
  channel: 'link',
});
