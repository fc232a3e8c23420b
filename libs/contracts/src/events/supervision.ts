import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { CASE_NUMBER, POOR_RATINGS, RATING_LEVELS } from '#libs/cases';
import { NODE_CODE } from '../envelope.js';
import { defineEvent } from '../registry.js';

const STAFF_ID = /^[\w.:-]{1,100}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const ORDER_STATUSES = ['open', 'answered', 'overdue'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const RECTIFICATION_STATUSES = ['open', 'answered', 'closed'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
/** What opened a rectification item: a poor rating (差评), or a problem found on a follow-up call (抽查回访). */
export const RECTIFICATION_SOURCES = ['rating', 'follow_up'] as const;
export type RectificationSource = (typeof RECTIFICATION_SOURCES)[number];

/** Who answered, and what they said. */
export class AnswerData {
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  content: string;

  @IsISO8601({ strict: true })
  at: string;

  @Matches(STAFF_ID)
  by: string;

  @IsString()
  @MaxLength(100)
  byName: string;
}

/**
 * A supervision order (督办) as the city keeps it: sent whole to the holder it is addressed to on
 * every change (issued, gone overdue, flagged); the holder keeps the highest version.
 */
export class SupervisionOrderData {
  @IsUUID()
  id: string;

  @Matches(CASE_NUMBER, { message: 'caseNumber must be a 27-character case number' })
  caseNumber: string;

  @IsInt()
  @Min(1)
  @Max(2)
  round: number;

  @IsOptional()
  @IsUUID()
  previousId?: string;

  @Matches(NODE_CODE)
  holder: string;

  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  content: string;

  @Matches(DATE)
  answerBy: string;

  @IsISO8601({ strict: true })
  issuedAt: string;

  @Matches(STAFF_ID)
  issuedBy: string;

  @IsString()
  @MaxLength(100)
  issuedByName: string;

  @IsOptional()
  @IsIn(['red_light'])
  rule?: string;

  @IsIn(ORDER_STATUSES)
  status: OrderStatus;

  @IsBoolean()
  flagged: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => AnswerData)
  answer?: AnswerData;

  @IsInt()
  @Min(1)
  version: number;
}

export class SupervisionOrderPayload {
  @ValidateNested()
  @Type(() => SupervisionOrderData)
  order: SupervisionOrderData;
}

/** The holder's answer (反馈) to an order addressed to it. */
export class SupervisionAnswerPayload {
  @IsUUID()
  orderId: string;

  @Matches(CASE_NUMBER, { message: 'caseNumber must be a 27-character case number' })
  caseNumber: string;

  @ValidateNested()
  @Type(() => AnswerData)
  answer: AnswerData;
}

/** The applicant's second rating after a rectification, recorded by the node's staff (回访). */
export class ReratingData {
  @IsIn(RATING_LEVELS.map((l) => l.code))
  level: string;

  @IsString()
  @MaxLength(20)
  channel: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;

  @IsISO8601({ strict: true })
  at: string;

  @Matches(STAFF_ID)
  by: string;

  @IsString()
  @MaxLength(100)
  byName: string;
}

/**
 * A rectification item (整改) as the node that handled the case keeps it; sent whole to the city on
 * every change. Opened by a poor rating (its level) or by a follow-up call's problem (the follow-up and
 * the problem); a schema-1 item, from before follow-ups, is a rating's.
 */
export class RectificationData {
  @IsUUID()
  id: string;

  @Matches(CASE_NUMBER, { message: 'caseNumber must be a 27-character case number' })
  caseNumber: string;

  @Matches(NODE_CODE)
  node: string;

  @IsOptional()
  @IsIn(RECTIFICATION_SOURCES)
  source?: RectificationSource;

  @ValidateIf((o: RectificationData) => (o.source ?? 'rating') === 'rating')
  @IsIn(POOR_RATINGS)
  ratingLevel?: string;

  @ValidateIf((o: RectificationData) => o.source === 'follow_up')
  @IsUUID()
  followUpId?: string;

  @ValidateIf((o: RectificationData) => o.source === 'follow_up')
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  problem?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  ratingComment?: string;

  @IsISO8601({ strict: true })
  openedAt: string;

  @Matches(DATE)
  dueOn: string;

  @IsIn(RECTIFICATION_STATUSES)
  status: RectificationStatus;

  @IsOptional()
  @ValidateNested()
  @Type(() => AnswerData)
  answer?: AnswerData;

  @IsOptional()
  @ValidateNested()
  @Type(() => ReratingData)
  rerating?: ReratingData;

  @IsInt()
  @Min(1)
  version: number;
}

export class RectificationPayload {
  @ValidateNested()
  @Type(() => RectificationData)
  item: RectificationData;
}

/**
 * The city asks the node that decided a case to open a rectification item (整改) for a problem its
 * follow-up call (抽查回访) found: the city writes no other node's data. The item's id follows from
 * the follow-up's, so a replay opens one item.
 */
export class RectificationRequestedPayload {
  @IsUUID()
  followUpId: string;

  @Matches(CASE_NUMBER, { message: 'caseNumber must be a 27-character case number' })
  caseNumber: string;

  /** The node asked to rectify: the case's deciding node. */
  @Matches(NODE_CODE)
  node: string;

  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  problem: string;

  @IsISO8601({ strict: true })
  calledAt: string;

  @Matches(STAFF_ID)
  requestedBy: string;

  @IsString()
  @MaxLength(100)
  requestedByName: string;
}

export const SupervisionOrderEvent = defineEvent({
  type: 'supervision.order',
  schemaVersion: 1,
  payload: SupervisionOrderPayload,
  senders: ['city'],
  receivers: ['county', 'township'],
  channel: 'link',
});

export const SupervisionAnswerEvent = defineEvent({
  type: 'supervision.answer',
  schemaVersion: 1,
  payload: SupervisionAnswerPayload,
  senders: ['county', 'township'],
  receivers: ['city'],
  channel: 'link',
});

export const RectificationEvent = defineEvent({
  type: 'rectification.item',
  // 2: `source`, `followUpId` and `problem`; `ratingLevel` only for a rating's item. A node still on 1
  // parks a follow-up's item as too new rather than as a malformed rating.
  schemaVersion: 2,
  payload: RectificationPayload,
  senders: ['county', 'township'],
  receivers: ['city'],
  channel: 'link',
});

export const RectificationRequestedEvent = defineEvent({
  type: 'rectification.requested',
  schemaVersion: 1,
  payload: RectificationRequestedPayload,
  senders: ['city'],
  receivers: ['county', 'township'],
  channel: 'link',
});
