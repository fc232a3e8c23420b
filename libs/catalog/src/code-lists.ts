/**
 * Code lists for catalog items. Where GB/T 39046-2020 (政务服务平台基础数据规范, appendix) defines
 * a list, the code is the standard's code; the other lists are this system's own, with English codes.
 * Store the code, show the Chinese label.
 */
export interface CodeEntry<C extends string = string> {
  readonly code: C;
  readonly zh: string;
  readonly en: string;
}

/** 事项类型 (GB/T 39046-2020). */
export const ITEM_KINDS = [
  { code: '01', zh: '行政许可', en: 'administrative licence' },
  { code: '02', zh: '行政处罚', en: 'administrative penalty' },
  { code: '03', zh: '行政强制', en: 'administrative enforcement' },
  { code: '04', zh: '行政征收', en: 'administrative levy' },
  { code: '05', zh: '行政给付', en: 'administrative benefit' },
  { code: '06', zh: '行政检查', en: 'administrative inspection' },
  { code: '07', zh: '行政确认', en: 'administrative confirmation' },
  { code: '08', zh: '行政奖励', en: 'administrative award' },
  { code: '09', zh: '行政裁决', en: 'administrative adjudication' },
  { code: '10', zh: '其他行政权力', en: 'other administrative power' },
  { code: '20', zh: '公共服务', en: 'public service' },
] as const satisfies readonly CodeEntry[];
export type ItemKindCode = (typeof ITEM_KINDS)[number]['code'];

/** 行使层级 (GB/T 39046-2020). */
export const EXERCISE_LEVELS = [
  { code: '1', zh: '国家级', en: 'national' },
  { code: '2', zh: '省级', en: 'provincial' },
  { code: '3', zh: '市级', en: 'city' },
  { code: '4', zh: '县级', en: 'county' },
  { code: '5', zh: '乡镇（街道）级', en: 'township or sub-district' },
  { code: '6', zh: '村（社区）级', en: 'village or community' },
] as const satisfies readonly CodeEntry[];
export type ExerciseLevelCode = (typeof EXERCISE_LEVELS)[number]['code'];

/** 服务对象 (GB/T 39046-2020). */
export const SERVED_PARTIES = [
  { code: '1', zh: '自然人', en: 'natural person' },
  { code: '2', zh: '企业法人', en: 'enterprise legal person' },
  { code: '3', zh: '事业法人', en: 'public institution legal person' },
  { code: '4', zh: '社会组织法人', en: 'social organisation legal person' },
  { code: '5', zh: '行政机关', en: 'administrative organ' },
  { code: '6', zh: '其他组织', en: 'other organisation' },
] as const satisfies readonly CodeEntry[];
export type ServedPartyCode = (typeof SERVED_PARTIES)[number]['code'];

/** 办理形式 (GB/T 39046-2020). */
export const CHANNELS = [
  { code: '1', zh: '窗口办理', en: 'at a counter' },
  { code: '2', zh: '网上办理', en: 'online' },
  { code: '3', zh: '移动端办理', en: 'mobile app' },
  { code: '4', zh: '快递申请', en: 'by post or courier' },
  { code: '9', zh: '其他', en: 'other' },
] as const satisfies readonly CodeEntry[];
export type ChannelCode = (typeof CHANNELS)[number]['code'];
/** Channels through which an applicant need not come to the counter. */
export const REMOTE_CHANNELS: readonly ChannelCode[] = ['2', '3', '4'];
export const ONLINE_CHANNELS: readonly ChannelCode[] = ['2', '3'];

/** 办件类型 (GB/T 39046-2020). */
export const CASE_TYPES = [
  { code: '1', zh: '即办件', en: 'instant (decided on the spot)' },
  { code: '2', zh: '承诺件', en: 'promised (decided within a committed time)' },
] as const satisfies readonly CodeEntry[];
export type CaseTypeCode = (typeof CASE_TYPES)[number]['code'];
export const INSTANT: CaseTypeCode = '1';
export const PROMISED: CaseTypeCode = '2';

/** 特别程序 (GB/T 39046-2020). */
export const SPECIAL_PROCEDURES = [
  { code: '1', zh: '延长审批', en: 'extended review' },
  { code: '2', zh: '其他', en: 'other (hearing, expert review, public notice, ...)' },
] as const satisfies readonly CodeEntry[];
export type SpecialProcedureCode = (typeof SPECIAL_PROCEDURES)[number]['code'];

/** 材料形式. */
export const MATERIAL_FORMS = [
  { code: 'original', zh: '原件', en: 'original' },
  { code: 'copy', zh: '复印件', en: 'copy' },
  { code: 'electronic', zh: '电子件', en: 'electronic' },
] as const satisfies readonly CodeEntry[];
export type MaterialFormCode = (typeof MATERIAL_FORMS)[number]['code'];

/** 是否必备. */
export const MATERIAL_REQUIREMENTS = [
  { code: 'required', zh: '必备', en: 'required' },
  { code: 'conditional', zh: '依情形提交', en: 'required in stated circumstances' },
] as const satisfies readonly CodeEntry[];
export type MaterialRequirementCode = (typeof MATERIAL_REQUIREMENTS)[number]['code'];

/** 事项状态: publication, cancellation and delegation down a level are everyday events. */
export const ITEM_STATUSES = [
  { code: 'draft', zh: '草稿', en: 'draft' },
  { code: 'active', zh: '在用', en: 'active' },
  { code: 'suspended', zh: '暂停', en: 'suspended' },
  { code: 'cancelled', zh: '取消', en: 'cancelled' },
  { code: 'delegated', zh: '下放', en: 'delegated down a level' },
] as const satisfies readonly CodeEntry[];
export type ItemStatusCode = (typeof ITEM_STATUSES)[number]['code'];

/** Time-limit units: the Administrative Licensing Law (art. 82) counts working days only. */
export const TIME_LIMIT_UNITS = [{ code: 'working-day', zh: '工作日', en: 'working day' }] as const satisfies readonly CodeEntry[];
export type TimeLimitUnitCode = (typeof TIME_LIMIT_UNITS)[number]['code'];

export interface DecisionLevelEntry extends CodeEntry<'township' | 'county' | 'city'> {
  /** The 行使层级 code this level is stored as in GB/T 39046 data. */
  readonly exerciseLevel: ExerciseLevelCode;
  /** Position in the hierarchy, lowest first. */
  readonly rank: number;
}

/** The three tiers of centre where a matter may be decided or taken in. */
export const DECISION_LEVELS = [
  { code: 'township', zh: '乡镇（街道）', en: 'township', exerciseLevel: '5', rank: 0 },
  { code: 'county', zh: '县（区）', en: 'county', exerciseLevel: '4', rank: 1 },
  { code: 'city', zh: '市', en: 'city', exerciseLevel: '3', rank: 2 },
] as const satisfies readonly DecisionLevelEntry[];
export type DecisionLevel = (typeof DECISION_LEVELS)[number]['code'];
const LEVEL_BY_CODE = Object.fromEntries(DECISION_LEVELS.map((l) => [l.code, l])) as Record<DecisionLevel, DecisionLevelEntry>;

/** Every list by name, for pickers and for the public API. */
export const CODE_LISTS = {
  itemKind: ITEM_KINDS,
  exerciseLevel: EXERCISE_LEVELS,
  servedParty: SERVED_PARTIES,
  channel: CHANNELS,
  caseType: CASE_TYPES,
  specialProcedure: SPECIAL_PROCEDURES,
  materialForm: MATERIAL_FORMS,
  materialRequirement: MATERIAL_REQUIREMENTS,
  itemStatus: ITEM_STATUSES,
  timeLimitUnit: TIME_LIMIT_UNITS,
  decisionLevel: DECISION_LEVELS,
} as const;
export type CodeListName = keyof typeof CODE_LISTS;

export function codesOf<C extends string>(list: readonly CodeEntry<C>[]): C[] {
  return list.map((e) => e.code);
}

/** The entry for a code, or undefined when the code is not in the list. */
export function entryOf<C extends string, E extends CodeEntry<C>>(list: readonly E[], code: string): E | undefined {
  return list.find((e) => e.code === code);
}

/** The Chinese label for a code; the code itself when unknown, so a bad value is still visible. */
export function labelOf(list: readonly CodeEntry[], code: string): string {
  return entryOf(list, code)?.zh ?? code;
}

/** 行使层级 code for a decision level: township 5, county 4, city 3. */
export function exerciseLevelOf(level: DecisionLevel): ExerciseLevelCode {
  return LEVEL_BY_CODE[level].exerciseLevel;
}

export function decisionLevelOfExerciseLevel(code: string): DecisionLevel | undefined {
  return DECISION_LEVELS.find((l) => l.exerciseLevel === code)?.code;
}

/** -1, 0 or 1 as level a is below, equal to or above level b. */
export function compareLevels(a: DecisionLevel, b: DecisionLevel): number {
  return Math.sign(LEVEL_BY_CODE[a].rank - LEVEL_BY_CODE[b].rank);
}

export function isDecisionLevel(value: unknown): value is DecisionLevel {
  return typeof value === 'string' && Object.hasOwn(LEVEL_BY_CODE, value);
}
