import type { CatalogItemInput } from '../catalog-item.input.js';
import type { FaqEntryInput, FeeInput, MaterialInput, ProcessStepInput } from '../catalog-item.parts.js';
import {
  exerciseLevelOf,
  type ChannelCode,
  type DecisionLevel,
  type ItemKindCode,
  type MaterialFormCode,
  type ServedPartyCode,
  type SpecialProcedureCode,
} from '../code-lists.js';
import type { DemoDepartment } from './departments.js';

/** Shorthand for writing the demo counties' items; every item it builds still has to pass validateCatalogItem. */

export const CITY_AREA = '640100';
export const DEMO_EFFECTIVE_FROM = '2025-01-01';
export const WORKING_HOURS = '工作日 9:00—12:00，13:30—17:30（法定节假日除外）';
export const FREE: FeeInput = { charged: false };

export interface ItemSpec {
  basicCode: string;
  name: string;
  kind: ItemKindCode;
  dept: DemoDepartment;
  level: DecisionLevel;
  /** Defaults to every level from the township up to the decision level. */
  intake?: DecisionLevel[];
  instant: boolean;
  legal: number;
  legalNote?: string;
  committed: number;
  conditions: string[];
  materials: MaterialInput[];
  noMaterialsRequired?: boolean;
  basis: string[];
  fee?: FeeInput;
  /** Defaults to the usual steps of an instant or a promised case. */
  steps?: [string, string][];
  special?: SpecialProcedureCode[];
  visits: number;
  online: boolean;
  /** Defaults to counter, plus web and mobile when online. */
  channels?: ChannelCode[];
  parties: ServedPartyCode[];
  place?: string;
  keywords: string[];
  faq?: [string, string][];
}

const LEVELS: DecisionLevel[] = ['township', 'county', 'city'];

export interface BuildOptions {
  /** Six-digit region the implementation code is issued for. */
  area?: string;
}

export function demoItem(spec: ItemSpec, options: BuildOptions = {}): CatalogItemInput {
  const intake = spec.intake ?? LEVELS.slice(0, LEVELS.indexOf(spec.level) + 1);
  return {
    basicCode: spec.basicCode,
    implementationCode: `${spec.basicCode}${exerciseLevelOf(spec.level)}${options.area ?? CITY_AREA}001`,
    name: spec.name,
    kindCode: spec.kind,
    department: { name: spec.dept.name, creditCode: spec.dept.creditCode },
    decisionLevel: spec.level,
    intakeLevels: intake,
    caseType: spec.instant ? '1' : '2',
    legalTimeLimit: { days: spec.legal, unit: 'working-day', ...(spec.legalNote ? { note: spec.legalNote } : {}) },
    committedTimeLimit: { days: spec.committed, unit: 'working-day' },
    conditions: spec.conditions,
    materials: spec.materials,
    ...(spec.noMaterialsRequired ? { noMaterialsRequired: true } : {}),
    legalBasis: spec.basis,
    fee: spec.fee ?? FREE,
    processSteps: (spec.steps ?? defaultSteps(spec.instant, spec.level, intake)).map(([name, description]): ProcessStepInput => ({ name, description })),
    specialProcedures: spec.special ?? [],
    maxVisits: spec.visits,
    onlineAvailable: spec.online,
    servedParties: spec.parties,
    channels: spec.channels ?? (spec.online ? ['1', '2', '3'] : ['1']),
    place: spec.place ?? defaultPlace(spec.dept, spec.level, intake),
    hours: WORKING_HOURS,
    enquiryPhone: spec.dept.enquiryPhone,
    complaintPhone: spec.dept.complaintPhone,
    faq: (spec.faq ?? []).map(([question, answer]): FaqEntryInput => ({ question, answer })),
    keywords: spec.keywords,
    status: 'active',
    effectiveFrom: DEMO_EFFECTIVE_FROM,
  };
}

function defaultPlace(dept: DemoDepartment, level: DecisionLevel, intake: DecisionLevel[]): string {
  const agency = level !== 'township' && intake.includes('township') ? '；也可在乡镇（街道）便民服务中心代办' : '';
  if (level === 'city') return `银川市民大厅${dept.cityWindow}${agency}`;
  if (level === 'county') return `各县（市、区）政务服务中心${dept.short}窗口${agency}`;
  return '各乡镇（街道）便民服务中心综合受理窗口';
}

function defaultSteps(instant: boolean, level: DecisionLevel, intake: DecisionLevel[]): [string, string][] {
  const steps: [string, string][] = [
    ['申请', '申请人到窗口或通过网上渠道提交申请材料'],
    ['受理', '窗口核验材料，齐全且符合法定形式的当场受理并出具受理凭证；不齐全的一次性告知需补正的全部内容'],
  ];
  if (level !== 'township' && intake.includes('township')) steps.push(['代办转报', '乡镇（街道）便民服务中心受理后当日转报有权机关办理，办理结果回到原窗口送达']);
  if (instant) steps.push(['审查决定', '窗口审查后当场作出决定并制发结果']);
  else steps.push(['审查', '承办人审查申请材料，必要时进行现场核查'], ['决定', '作出准予或不予的书面决定；不予的说明理由并告知申请人依法享有的权利']);
  steps.push(['送达', '窗口领取或免费邮寄送达办理结果']);
  return steps;
}

export interface MaterialOptions {
  originals?: number;
  copies?: number;
  electronic?: boolean;
  notes?: string;
}

function material(name: string, issuer: string, requirement: MaterialInput['requirement'], o: MaterialOptions): MaterialInput {
  const originals = o.originals ?? (o.copies || o.electronic ? 0 : 1);
  const copies = o.copies ?? 0;
  const forms: MaterialFormCode[] = [];
  if (originals > 0) forms.push('original');
  if (copies > 0) forms.push('copy');
  if (o.electronic) forms.push('electronic');
  return { name, issuer, forms, originals, copies, requirement, ...(o.notes ? { notes: o.notes } : {}) };
}

/** A material every applicant brings; one original unless told otherwise. */
export function required(name: string, issuer: string, o: MaterialOptions = {}): MaterialInput {
  return material(name, issuer, 'required', o);
}

/** A material needed only in the circumstance the notes state. */
export function conditional(name: string, issuer: string, when: string, o: MaterialOptions = {}): MaterialInput {
  return material(name, issuer, 'conditional', { ...o, notes: when });
}

export const idCard = (who = '申请人'): MaterialInput => required(`${who}居民身份证`, '公安机关', { originals: 1, notes: '原件现场核验后退还' });
export const householdBook = (): MaterialInput => required('居民户口簿', '公安机关', { originals: 1, notes: '原件现场核验后退还' });
export const applicationForm = (name: string): MaterialInput => required(name, '申请人', { originals: 1, electronic: true, notes: '窗口或网上平台可取得格式文本' });
export const proxy = (): MaterialInput => conditional('委托代理人身份证明及授权委托书', '申请人', '委托他人代为办理的提交', { originals: 1 });
