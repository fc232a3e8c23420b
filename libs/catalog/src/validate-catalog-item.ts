import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FieldProblem } from '#libs/domain';
import { CatalogItemInput } from './catalog-item.input.js';
import {
  CHANNELS,
  DECISION_LEVELS,
  INSTANT,
  MATERIAL_FORMS,
  ONLINE_CHANNELS,
  PROMISED,
  REMOTE_CHANNELS,
  codesOf,
  compareLevels,
  isDecisionLevel,
  labelOf,
  type ChannelCode,
  type MaterialFormCode,
} from './code-lists.js';
import { problem, toFieldProblems } from './field-problems.js';

/**
 * Every problem with a catalog item: the shape and code lists (class-validator), then the rules
 * that look across fields. A cross-field rule is checked only on fields whose own shape is right,
 * so one mistake is reported once. An empty list means the item may be saved and published.
 */
export function validateCatalogItem(input: unknown): FieldProblem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [problem('', 'isObject', '事项必须是一个对象', 'the catalog item must be an object')];
  }
  const item = plainToInstance(CatalogItemInput, input);
  const shape = toFieldProblems(validateSync(item, { whitelist: true, forbidNonWhitelisted: true }));
  return [...shape, ...crossFieldProblems(input as Partial<CatalogItemInput>)];
}

/** The rules that relate fields to each other; each reads only fields of the right type. */
export function crossFieldProblems(item: Partial<CatalogItemInput>): FieldProblem[] {
  return [...codeRules(item), ...timeLimitRules(item), ...levelRules(item), ...feeRules(item), ...materialRules(item), ...channelRules(item), ...dateRules(item)];
}

const isInt = (v: unknown): v is number => Number.isInteger(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isBlank = (v: unknown): boolean => !isText(v) || v.trim() === '';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A list whose every entry is in the code list; undefined otherwise, so the rule is skipped. */
function codeListValue<C extends string>(value: unknown, codes: readonly C[]): C[] | undefined {
  return Array.isArray(value) && value.every((v) => codes.includes(v)) ? (value as C[]) : undefined;
}
const FORM_CODES = codesOf(MATERIAL_FORMS);
const CHANNEL_CODES = codesOf(CHANNELS);

function codeRules(item: Partial<CatalogItemInput>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const { basicCode, implementationCode, kindCode } = item;
  if (isText(basicCode) && isText(kindCode) && basicCode.slice(0, 2) !== kindCode) {
    out.push(problem('basicCode', 'basicCodeMatchesKind', `基本编码的前两位应为事项类型代码 ${kindCode}`, `basicCode must begin with the item kind code ${kindCode}`));
  }
  if (isText(basicCode) && isText(implementationCode) && !implementationCode.startsWith(basicCode)) {
    out.push(problem('implementationCode', 'implementationCodeExtendsBasic', `实施编码应以基本编码 ${basicCode} 开头`, `implementationCode must begin with the basic code ${basicCode}`));
  }
  return out;
}

function timeLimitRules(item: Partial<CatalogItemInput>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const legal = isRecord(item.legalTimeLimit) ? item.legalTimeLimit.days : undefined;
  const committed = isRecord(item.committedTimeLimit) ? item.committedTimeLimit.days : undefined;
  if (!isInt(committed)) return out;
  const field = 'committedTimeLimit.days';
  if (isInt(legal) && committed > legal) {
    out.push(problem(field, 'committedWithinLegal', `承诺办结时限（${committed} 个工作日）不得超过法定办结时限（${legal} 个工作日）`, `the committed time limit (${committed} working days) must not exceed the legal one (${legal})`));
  }
  if (item.caseType === INSTANT && committed !== 0) {
    out.push(problem(field, 'instantCommittedZero', `即办件当场办结，承诺办结时限应为 0 个工作日`, `an instant case (即办件) is decided on the spot: its committed time limit must be 0 working days`));
  }
  if (item.caseType === PROMISED && committed < 1) {
    out.push(problem(field, 'promisedCommittedAtLeastOne', `承诺件的承诺办结时限至少为 1 个工作日`, `a promised case (承诺件) must have a committed time limit of at least 1 working day`));
  }
  return out;
}

function levelRules(item: Partial<CatalogItemInput>): FieldProblem[] {
  const { decisionLevel, intakeLevels } = item;
  if (!isDecisionLevel(decisionLevel) || !Array.isArray(intakeLevels)) return [];
  const decided = labelOf(DECISION_LEVELS, decisionLevel);
  return intakeLevels.flatMap((level, i) =>
    isDecisionLevel(level) && compareLevels(level, decisionLevel) > 0
      ? [
          problem(
            `intakeLevels[${i}]`,
            'intakeNotAboveDecision',
            `由${decided}决定的事项不能在${labelOf(DECISION_LEVELS, level)}受理：受理层级不得高于决定层级`,
            `an item decided at the ${decisionLevel} level cannot be taken in at the ${level} level: intake levels must be at or below the decision level`,
          ),
        ]
      : [],
  );
}

function feeRules(item: Partial<CatalogItemInput>): FieldProblem[] {
  const fee = item.fee;
  if (!isRecord(fee) || fee.charged !== true) return [];
  const out: FieldProblem[] = [];
  if (isBlank(fee.standard)) out.push(problem('fee.standard', 'feeStandardRequired', '收费事项必须写明收费标准', 'a charged item must state its fee standard'));
  if (isBlank(fee.basis)) out.push(problem('fee.basis', 'feeBasisRequired', '收费事项必须写明收费依据', 'a charged item must state the basis for its fee'));
  return out;
}

function materialRules(item: Partial<CatalogItemInput>): FieldProblem[] {
  if (!Array.isArray(item.materials)) return [];
  const out: FieldProblem[] = [];
  const materials = item.materials.map((m) => (isRecord(m) ? m : {})) as Partial<Record<string, unknown>>[];
  const anyRequired = materials.some((m) => m.requirement === 'required');
  if (!anyRequired && item.noMaterialsRequired !== true) {
    out.push(problem('materials', 'requiredMaterialPresent', '至少要有一项必备材料；确实无需材料的，请勾选“无需申请材料”', 'list at least one required material, or set noMaterialsRequired when none is needed'));
  }
  if (anyRequired && item.noMaterialsRequired === true) {
    out.push(problem('noMaterialsRequired', 'noMaterialsContradicted', '已勾选“无需申请材料”，但材料清单中仍有必备材料', 'noMaterialsRequired is set but the list has required materials'));
  }
  const seen = new Map<string, number>();
  materials.forEach((m, i) => {
    const at = `materials[${i}]`;
    if (isText(m.name) && m.name.trim() !== '') {
      const key = m.name.trim();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else out.push(problem(`${at}.name`, 'uniqueMaterialNames', `材料名称“${key}”与第 ${first + 1} 项重复`, `material name "${key}" repeats materials[${first}].name`));
    }
    const forms = codeListValue<MaterialFormCode>(m.forms, FORM_CODES);
    if (forms && isInt(m.originals) && forms.includes('original') !== m.originals > 0) {
      out.push(
        forms.includes('original')
          ? problem(`${at}.originals`, 'originalsMatchForm', '材料形式含原件，原件份数至少为 1', 'the forms include an original, so originals must be at least 1')
          : problem(`${at}.originals`, 'originalsMatchForm', '原件份数大于 0，材料形式应包含原件', 'originals is above 0, so the forms must include original'),
      );
    }
    if (forms && isInt(m.copies) && forms.includes('copy') !== m.copies > 0) {
      out.push(
        forms.includes('copy')
          ? problem(`${at}.copies`, 'copiesMatchForm', '材料形式含复印件，复印件份数至少为 1', 'the forms include a copy, so copies must be at least 1')
          : problem(`${at}.copies`, 'copiesMatchForm', '复印件份数大于 0，材料形式应包含复印件', 'copies is above 0, so the forms must include copy'),
      );
    }
    if (m.requirement === 'conditional' && isBlank(m.notes)) {
      out.push(problem(`${at}.notes`, 'conditionStated', '依情形提交的材料须在备注中写明何种情形需要提交', 'a conditional material must say in its notes when it is needed'));
    }
  });
  return out;
}

function channelRules(item: Partial<CatalogItemInput>): FieldProblem[] {
  const { onlineAvailable, maxVisits } = item;
  const channels = codeListValue<ChannelCode>(item.channels, CHANNEL_CODES);
  if (!channels) return [];
  const out: FieldProblem[] = [];
  const online = channels.some((c) => ONLINE_CHANNELS.includes(c));
  if (typeof onlineAvailable === 'boolean' && onlineAvailable !== online) {
    out.push(
      onlineAvailable
        ? problem('channels', 'onlineMatchesChannels', '事项标为可网办，办理形式应包含网上办理或移动端办理', 'an item available online must list the online (2) or mobile (3) channel')
        : problem('onlineAvailable', 'onlineMatchesChannels', '办理形式包含网上或移动端办理，事项应标为可网办', 'the channels include online (2) or mobile (3), so onlineAvailable must be true'),
    );
  }
  if (maxVisits === 0 && !channels.some((c) => REMOTE_CHANNELS.includes(c))) {
    out.push(problem('maxVisits', 'zeroVisitsNeedRemoteChannel', '“零跑腿”事项须提供网上、移动端或快递办理形式', 'an item needing no visit must offer an online (2), mobile (3) or postal (4) channel'));
  }
  return out;
}

function dateRules(item: Partial<CatalogItemInput>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const { status, effectiveFrom, effectiveUntil } = item;
  if (isText(status) && status !== 'draft' && isBlank(effectiveFrom)) {
    out.push(problem('effectiveFrom', 'effectiveFromRequired', '已发布或变更状态的事项必须有生效日期', 'an item that is not a draft must have an effective date'));
  }
  if (isText(effectiveFrom) && isText(effectiveUntil)) {
    const from = Date.parse(effectiveFrom);
    const until = Date.parse(effectiveUntil);
    if (!Number.isNaN(from) && !Number.isNaN(until) && until <= from) {
      out.push(problem('effectiveUntil', 'effectiveDatesOrdered', '失效日期必须晚于生效日期', 'effectiveUntil must be later than effectiveFrom'));
    }
  }
  return out;
}
