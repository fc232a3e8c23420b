import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CASE_TYPES,
  CHANNELS,
  DECISION_LEVELS,
  ITEM_KINDS,
  ITEM_STATUSES,
  SERVED_PARTIES,
  SPECIAL_PROCEDURES,
  codesOf,
  type CaseTypeCode,
  type ChannelCode,
  type DecisionLevel,
  type ItemKindCode,
  type ItemStatusCode,
  type ServedPartyCode,
  type SpecialProcedureCode,
} from './code-lists.js';
import { DepartmentInput, FaqEntryInput, FeeInput, MaterialInput, ProcessStepInput, TimeLimitInput } from './catalog-item.parts.js';
import { IsNotBlank, IsPhoneNumber } from './validators.js';

/** 基本编码: item kind (2 digits) + main item (5) + sub-item (3), as the national coding rules lay it out. */
export const BASIC_CODE = /^\d{10}$/;
/** 实施编码 (an..24): the basic code followed by up to 14 letters or digits naming where it is carried out. */
export const IMPLEMENTATION_CODE = /^\d{10}[0-9A-Z]{1,14}$/;

/**
 * One matter in the catalog (事项), with the fields of GB/T 39046-2020 that the domain uses.
 * The same shape is a draft being authored, a published version and a demo item.
 */
export class CatalogItemInput {
  @Matches(BASIC_CODE, { message: 'basicCode must be 10 digits: item kind (2), main item (5), sub-item (3)' })
  basicCode: string;

  @Matches(IMPLEMENTATION_CODE, { message: 'implementationCode must be the 10-digit basic code followed by 1 to 14 digits or capital letters' })
  implementationCode: string;

  /** 事项名称. */
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name: string;

  /** 事项类型代码. */
  @IsIn(codesOf(ITEM_KINDS))
  kindCode: ItemKindCode;

  /** 实施主体 and its credit code. */
  @IsObject()
  @ValidateNested()
  @Type(() => DepartmentInput)
  department: DepartmentInput;

  /** Where the matter is decided; stored in GB/T 39046 data as 行使层级 5, 4 or 3. */
  @IsIn(codesOf(DECISION_LEVELS))
  decisionLevel: DecisionLevel;

  /** Where it may be started; a township may take in county and city matters (全程代办). */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(codesOf(DECISION_LEVELS), { each: true })
  intakeLevels: DecisionLevel[];

  /** 办件类型: 1 即办件, 2 承诺件. */
  @IsIn(codesOf(CASE_TYPES))
  caseType: CaseTypeCode;

  /** 法定办结时限. */
  @IsObject()
  @ValidateNested()
  @Type(() => TimeLimitInput)
  legalTimeLimit: TimeLimitInput;

  /** 承诺办结时限: never longer than the legal one; 0 for an instant case. */
  @IsObject()
  @ValidateNested()
  @Type(() => TimeLimitInput)
  committedTimeLimit: TimeLimitInput;

  /** 受理条件. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(500, { each: true })
  conditions: string[];

  /** 申请材料. */
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => MaterialInput)
  materials: MaterialInput[];

  /** Set when the matter needs no required material at all, so an empty checklist is deliberate. */
  @IsOptional()
  @IsBoolean()
  noMaterialsRequired?: boolean;

  /** 设定依据: the laws and regulations, each with its article. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(500, { each: true })
  legalBasis: string[];

  @IsObject()
  @ValidateNested()
  @Type(() => FeeInput)
  fee: FeeInput;

  /** 办理流程. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ProcessStepInput)
  processSteps: ProcessStepInput[];

  /** 特别程序 the matter may go through (time not counted against the limit). */
  @IsArray()
  @ArrayUnique()
  @IsIn(codesOf(SPECIAL_PROCEDURES), { each: true })
  specialProcedures: SpecialProcedureCode[];

  /** 到现场次数: the most times an applicant has to come in person. */
  @IsInt()
  @Min(0)
  @Max(5)
  maxVisits: number;

  /** 是否网办. */
  @IsBoolean()
  onlineAvailable: boolean;

  /** 服务对象. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(codesOf(SERVED_PARTIES), { each: true })
  servedParties: ServedPartyCode[];

  /** 办理形式. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(codesOf(CHANNELS), { each: true })
  channels: ChannelCode[];

  /** 办理地点. */
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  place: string;

  /** 办理时间. */
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  hours: string;

  /** 咨询电话. */
  @IsPhoneNumber()
  enquiryPhone: string;

  /** 监督投诉电话. */
  @IsPhoneNumber()
  complaintPhone: string;

  /** 常见问题. */
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => FaqEntryInput)
  faq: FaqEntryInput[];

  /** Words a citizen would search with, besides the name. */
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(20, { each: true })
  keywords: string[];

  @IsIn(codesOf(ITEM_STATUSES))
  status: ItemStatusCode;

  /** 生效日期 (ISO 8601 date or date-time); required once the item leaves draft. */
  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveFrom?: string;

  /** 失效日期, after the effective date. */
  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveUntil?: string;
}
