import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CASE_NUMBER } from '#libs/cases';
import { IsPhoneNumber } from '#libs/catalog';
import { NODE_CODE } from '../envelope.js';
import { defineEvent } from '../registry.js';

const STAFF_ID = /^[\w.:-]{1,100}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 投诉编号: `TS-<taking node>-<local date yyyymmdd>-<that node's daily sequence, at least 4 digits>`. */
export const COMPLAINT_NUMBER = /^TS-(\d{12})-(\d{8})-(\d{4,6})$/;

/** How a complaint came in (投诉渠道). The public's own online form is `online`. */
export const COMPLAINT_CHANNELS = [
  { code: 'counter', zh: '窗口现场投诉', en: 'at the counter' },
  { code: 'phone', zh: '电话投诉', en: 'by phone' },
  { code: 'online', zh: '网上投诉', en: 'online' },
  { code: 'letter', zh: '来信投诉', en: 'by letter' },
] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number]['code'];
export const COMPLAINT_CHANNEL_CODES = COMPLAINT_CHANNELS.map((c) => c.code);

/** The handler's finding (办理结果): the complaint is upheld (属实) or not. */
export const COMPLAINT_OUTCOMES = [
  { code: 'upheld', zh: '投诉属实（成立）', en: 'upheld' },
  { code: 'not_upheld', zh: '投诉不属实（不成立）', en: 'not upheld' },
] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number]['code'];
export const COMPLAINT_OUTCOME_CODES = COMPLAINT_OUTCOMES.map((c) => c.code);

export const COMPLAINT_STATUSES = [
  { code: 'open', zh: '待答复', en: 'waiting for an answer' },
  { code: 'answered', zh: '已答复', en: 'answered' },
  { code: 'overdue', zh: '逾期未答复', en: 'overdue: not answered in time' },
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number]['code'];
export const COMPLAINT_STATUS_CODES = COMPLAINT_STATUSES.map((c) => c.code);

/** Who complains (投诉人): a name and a phone number to be called back on. */
export class ComplainantData {
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @IsPhoneNumber()
  phone: string;
}

/**
 * A complaint (投诉) as the taking node recorded it: sent whole to the node that handles it (or to
 * the city, which forwards it), and again with the answer, so a receiver never depends on which of
 * the two events came first.
 */
export class ComplaintData {
  @IsUUID()
  id: string;

  @Matches(COMPLAINT_NUMBER, { message: 'number must look like TS-<12-digit node>-<yyyymmdd>-<sequence>' })
  number: string;

  @Matches(NODE_CODE, { message: 'againstNode must be a 12-digit node code' })
  againstNode: string;

  @IsOptional()
  @Matches(CASE_NUMBER, { message: 'caseNumber must be a 27-character case number' })
  caseNumber?: string;

  @Matches(NODE_CODE, { message: 'takenAtNode must be a 12-digit node code' })
  takenAtNode: string;

  @Matches(NODE_CODE, { message: 'handlingNode must be a 12-digit node code' })
  handlingNode: string;

  @IsIn(COMPLAINT_CHANNEL_CODES)
  channel: ComplaintChannel;

  @ValidateNested()
  @Type(() => ComplainantData)
  complainant: ComplainantData;

  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  content: string;

  @IsISO8601({ strict: true })
  receivedAt: string;

  @Matches(DATE)
  dueOn: string;

  /** The staff member who took it, or `public` for the online form. */
  @Matches(STAFF_ID)
  takenBy: string;

  @IsString()
  @MaxLength(100)
  takenByName: string;
}

/** The handler's answer (答复) and its finding. */
export class ComplaintAnswerData {
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  content: string;

  @IsIn(COMPLAINT_OUTCOME_CODES)
  outcome: ComplaintOutcome;

  @IsISO8601({ strict: true })
  at: string;

  @Matches(STAFF_ID)
  by: string;

  @IsString()
  @MaxLength(100)
  byName: string;
}

export class ComplaintFiledPayload {
  @ValidateNested()
  @Type(() => ComplaintData)
  complaint: ComplaintData;
}

export class ComplaintAnsweredPayload {
  @ValidateNested()
  @Type(() => ComplaintData)
  complaint: ComplaintData;

  @ValidateNested()
  @Type(() => ComplaintAnswerData)
  answer: ComplaintAnswerData;
}

/**
 * A complaint taken: from the taking node to the node that handles it (when a channel exists), or
 * to the city, which keeps a copy and forwards it to the handler on its direct link. Any tier takes
 * complaints; only counties and the city handle them.
 */
export const ComplaintFiledEvent = defineEvent({
  type: 'complaint.filed',
  schemaVersion: 1,
  payload: ComplaintFiledPayload,
  senders: ['township', 'county', 'city'],
  receivers: ['county', 'city'],
  channel: 'link',
});

/**
 * The handler's answer: to the city, and to the taking node (directly when a channel exists, else
 * forwarded by the city). Only the handlers (counties, the city) send it.
 */
export const ComplaintAnsweredEvent = defineEvent({
  type: 'complaint.answered',
  schemaVersion: 1,
  payload: ComplaintAnsweredPayload,
  senders: ['county', 'city'],
  receivers: ['township', 'county', 'city'],
  channel: 'link',
});
