import type { CatalogItemInput } from '../catalog-item.input.js';
import type { MaterialInput } from '../catalog-item.parts.js';
import type { CountyImplementationInput } from '../county-implementation.js';

/** Test data: a valid item, material or county line that a test changes in the one field it is about. */

export function makeMaterial(overrides: Partial<MaterialInput> = {}): MaterialInput {
  return { name: '申请书', issuer: '申请人', forms: ['original'], originals: 1, copies: 0, requirement: 'required', ...overrides };
}

/** A promised licence decided at the county, taken in at townships and the county. */
export function makeCatalogItem(overrides: Partial<CatalogItemInput> = {}): CatalogItemInput {
  return {
    basicCode: '0101004000',
    implementationCode: '01010040004640100001',
    name: '食品经营许可',
    kindCode: '01',
    department: { name: '银川市市场监督管理局', creditCode: '91350100M000100Y43' },
    decisionLevel: 'county',
    intakeLevels: ['township', 'county'],
    caseType: '2',
    legalTimeLimit: { days: 10, unit: 'working-day' },
    committedTimeLimit: { days: 5, unit: 'working-day' },
    conditions: ['具有与经营的食品品种、数量相适应的场所'],
    materials: [
      makeMaterial({ name: '食品经营许可申请书' }),
      makeMaterial({ name: '营业执照', issuer: '市场监督管理部门', forms: ['copy'], originals: 0, copies: 1 }),
      makeMaterial({ name: '授权委托书', forms: ['original'], requirement: 'conditional', notes: '委托他人办理的提交' }),
    ],
    legalBasis: ['《中华人民共和国食品安全法》第三十五条'],
    fee: { charged: false },
    processSteps: [{ name: '受理' }, { name: '审查' }, { name: '决定', description: '作出书面决定' }],
    specialProcedures: ['1'],
    maxVisits: 1,
    onlineAvailable: true,
    servedParties: ['1', '2'],
    channels: ['1', '2'],
    place: '各县（市、区）政务服务中心市场监管窗口',
    hours: '工作日 9:00—17:30',
    enquiryPhone: '0951-5028315',
    complaintPhone: '12315',
    faq: [{ question: '要钱吗？', answer: '不收费。' }],
    keywords: ['餐饮', '食品'],
    status: 'active',
    effectiveFrom: '2025-01-01',
    ...overrides,
  };
}

export function makeCountyImplementation(overrides: Partial<CountyImplementationInput> = {}): CountyImplementationInput {
  return { countyCode: '640104000000', itemCode: '01010040004640100001', committedTimeLimit: { days: 3, unit: 'working-day' }, place: '兴庆区政务服务中心一楼', ...overrides };
}
