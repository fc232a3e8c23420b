import { plainToInstance, Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested, validateSync } from 'class-validator';
import { tierOfCode } from '#libs/config';
import type { FieldProblem } from '#libs/domain';
import { CatalogItemInput, IMPLEMENTATION_CODE } from './catalog-item.input.js';
import { TimeLimitInput } from './catalog-item.parts.js';
import { INSTANT, PROMISED } from './code-lists.js';
import { problem, toFieldProblems } from './field-problems.js';
import { validateCatalogItem } from './validate-catalog-item.js';
import { IsNotBlank, IsPhoneNumber } from './validators.js';

/**
 * A county's line in its implementation list (实施清单): what it sets on top of one city item.
 * Every field but the codes is optional; an absent field keeps the city's value.
 */
export class CountyImplementationInput {
  /** The county's 12-digit region code. */
  @Matches(/^\d{12}$/, { message: 'countyCode must be a 12-digit region code' })
  countyCode: string;

  /** The city item's implementation code (实施编码). */
  @Matches(IMPLEMENTATION_CODE, { message: 'itemCode must be the implementation code of a catalog item' })
  itemCode: string;

  /** The county's own 承诺办结时限, never above the item's legal limit. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TimeLimitInput)
  committedTimeLimit?: TimeLimitInput;

  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  place?: string;

  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  hours?: string;

  @IsOptional()
  @IsPhoneNumber()
  enquiryPhone?: string;

  @IsOptional()
  @IsPhoneNumber()
  complaintPhone?: string;

  /** Local notes shown with the item in that county and its townships. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string;
}

/** What a county sets on a city item; the codes only say which item. */
export const IMPLEMENTATION_SETTINGS = ['committedTimeLimit', 'place', 'hours', 'enquiryPhone', 'complaintPhone', 'notes'] as const;

/**
 * Setting an entry replaces it, so a body with no setting at all would wipe the county's entry:
 * almost surely a client mistake, refused rather than applied.
 */
export function missingSettingProblems(settings: Record<string, unknown>): FieldProblem[] {
  if (IMPLEMENTATION_SETTINGS.some((k) => settings[k] !== undefined)) return [];
  const names = IMPLEMENTATION_SETTINGS.join(', ');
  return [problem('body', 'atLeastOneSetting', `body 至少要填写一项实施清单内容：${names}`, `body must set at least one of ${names}`)];
}

/** A city item as a county and its townships see it: the county's values over the city's. */
export type CountyItemView = CatalogItemInput & { countyCode: string; localNotes?: string };

/**
 * Problems with a county's override of one city item. The item is the published city version;
 * a county may shorten the committed limit but never set it above the legal one, and may set a
 * committed limit only for matters decided at or below the county.
 */
export function validateCountyImplementation(item: CatalogItemInput, override: unknown): FieldProblem[] {
  if (typeof override !== 'object' || override === null || Array.isArray(override)) {
    return [problem('', 'isObject', '实施清单条目必须是一个对象', 'the implementation list entry must be an object')];
  }
  const shape = toFieldProblems(validateSync(plainToInstance(CountyImplementationInput, override), { whitelist: true, forbidNonWhitelisted: true }));
  const o = override as Partial<CountyImplementationInput>;
  const out: FieldProblem[] = [];
  if (typeof o.countyCode === 'string' && /^\d{12}$/.test(o.countyCode) && tierOfCode(o.countyCode) !== 'county') {
    out.push(problem('countyCode', 'isCountyCode', `${o.countyCode} 不是县（区）级区划代码`, `${o.countyCode} is not a county-level region code`));
  }
  if (typeof o.itemCode === 'string' && o.itemCode !== item.implementationCode) {
    out.push(problem('itemCode', 'itemCodeMatches', `实施编码 ${o.itemCode} 与事项 ${item.implementationCode} 不符`, `itemCode ${o.itemCode} is not the implementation code of this item (${item.implementationCode})`));
  }
  const days = o.committedTimeLimit?.days;
  if (Number.isInteger(days)) out.push(...committedLimitProblems(item, days as number));
  return [...shape, ...out];
}

function committedLimitProblems(item: CatalogItemInput, days: number): FieldProblem[] {
  const field = 'committedTimeLimit.days';
  const out: FieldProblem[] = [];
  if (item.decisionLevel === 'city') {
    out.push(problem(field, 'committedLimitBeyondCounty', '该事项由市级决定，县（区）不能设定其承诺时限', 'the item is decided by the city; a county cannot set its committed time limit'));
  }
  if (days > item.legalTimeLimit.days) {
    out.push(problem(field, 'committedWithinLegal', `承诺办结时限（${days} 个工作日）不得超过法定办结时限（${item.legalTimeLimit.days} 个工作日）`, `the committed time limit (${days} working days) must not exceed the legal one (${item.legalTimeLimit.days})`));
  }
  if (item.caseType === INSTANT && days !== 0) {
    out.push(problem(field, 'instantCommittedZero', '即办件当场办结，承诺办结时限应为 0 个工作日', 'an instant case (即办件) is decided on the spot: its committed time limit must be 0 working days'));
  }
  if (item.caseType === PROMISED && days < 1) {
    out.push(problem(field, 'promisedCommittedAtLeastOne', '承诺件的承诺办结时限至少为 1 个工作日', 'a promised case (承诺件) must have a committed time limit of at least 1 working day'));
  }
  return out;
}

/** The item as the county shows it; call only with an override that passed validation. */
export function applyCountyImplementation(item: CatalogItemInput, override: CountyImplementationInput): CountyItemView {
  return {
    ...item,
    countyCode: override.countyCode,
    committedTimeLimit: override.committedTimeLimit ?? item.committedTimeLimit,
    place: override.place ?? item.place,
    hours: override.hours ?? item.hours,
    enquiryPhone: override.enquiryPhone ?? item.enquiryPhone,
    complaintPhone: override.complaintPhone ?? item.complaintPhone,
    ...(override.notes === undefined ? {} : { localNotes: override.notes }),
  };
}

/**
 * Problems with an item only one county publishes (县级特色事项): a valid item, owned by a county,
 * decided and taken in at or below the county, since it never reaches the city.
 */
export function validateCountyOnlyItem(countyCode: string, item: unknown): FieldProblem[] {
  const out = validateCatalogItem(item);
  if (tierOfCode(countyCode) !== 'county') {
    out.push(problem('countyCode', 'isCountyCode', `${countyCode} 不是县（区）级区划代码`, `${countyCode} is not a county-level region code`));
  }
  if (typeof item !== 'object' || item === null) return out;
  const { decisionLevel, intakeLevels } = item as Partial<CatalogItemInput>;
  if (decisionLevel === 'city') {
    out.push(problem('decisionLevel', 'countyOnlyNotCity', '县级特色事项不能由市级决定', 'a county-only item cannot be decided by the city'));
  }
  if (Array.isArray(intakeLevels)) {
    intakeLevels.forEach((level, i) => {
      if (level === 'city') out.push(problem(`intakeLevels[${i}]`, 'countyOnlyNotCity', '县级特色事项不在市级受理', 'a county-only item is not taken in at the city'));
    });
  }
  return out;
}
