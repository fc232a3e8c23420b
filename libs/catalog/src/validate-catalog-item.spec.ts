import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import type { FieldProblem } from '#libs/domain';
import { CatalogItemInput } from './catalog-item.input.js';
import { makeCatalogItem, makeMaterial } from './testing/catalog-item.factory.js';
import { validateCatalogItem as sut } from './validate-catalog-item.js';

const rules = (problems: FieldProblem[]) => problems.map((p) => `${p.field}:${p.rule}`);

describe('validateCatalogItem', () => {
  it('finds nothing wrong with a complete, consistent item', () => {
    expect(sut(makeCatalogItem())).toEqual([]);
  });

  it('accepts a class instance as well as a plain object', () => {
    expect(sut(plainToInstance(CatalogItemInput, makeCatalogItem()))).toEqual([]);
  });

  it('refuses something that is not an object', () => {
    expect(rules(sut(null))).toEqual([':isObject']);
    expect(rules(sut([makeCatalogItem()]))).toEqual([':isObject']);
  });

  it('reports a missing field once, as missing, with its Chinese name first', () => {
    const item: Partial<CatalogItemInput> = makeCatalogItem();
    delete item.name;
    const problems = sut(item);
    expect(problems).toEqual([{ field: 'name', rule: 'isDefined', message: '事项名称必须填写', messageEn: 'name is required' }]);
  });

  it('reports a value of the wrong type once, by its type', () => {
    expect(rules(sut(makeCatalogItem({ maxVisits: '1' as unknown as number })))).toEqual(['maxVisits:isInt']);
  });

  it('refuses fields it does not know', () => {
    expect(rules(sut({ ...makeCatalogItem(), colour: 'red' }))).toEqual(['colour:whitelistValidation']);
  });

  it('refuses blank text in a list of conditions or legal bases', () => {
    expect(rules(sut(makeCatalogItem({ conditions: ['有固定场所', '  '], legalBasis: [''] })))).toEqual(['conditions:isNotBlank', 'legalBasis:isNotBlank']);
  });

  it('requires at least one process step, each with a name', () => {
    expect(rules(sut(makeCatalogItem({ processSteps: [] })))).toEqual(['processSteps:arrayNotEmpty']);
    expect(rules(sut(makeCatalogItem({ processSteps: [{ name: ' ' }] })))).toEqual(['processSteps[0].name:isNotBlank']);
  });

  it('requires each FAQ entry to have a question and an answer', () => {
    expect(rules(sut(makeCatalogItem({ faq: [{ question: '要钱吗？' } as never] })))).toEqual(['faq[0].answer:isDefined']);
  });

  it('names a problem inside a list by its dotted path and position', () => {
    const item = makeCatalogItem();
    item.materials[1] = { ...item.materials[1], copies: 1.5 };
    const [problem] = sut(item);
    expect(problem).toEqual({ field: 'materials[1].copies', rule: 'isInt', message: '申请材料第2项的复印件份数必须是整数', messageEn: 'materials[1].copies must be an integer number' });
  });

  it('writes every problem in Chinese first and in English', () => {
    const problems = sut({ ...makeCatalogItem({ caseType: '1', enquiryPhone: 'x', fee: { charged: true } }), basicCode: 'ABC' });
    expect(problems.length).toBeGreaterThan(3);
    for (const p of problems) {
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
      expect(p.messageEn).toMatch(/^[\x20-\x7e\u4e00-\u9fff（）]+$/);
    }
  });

  describe('codes', () => {
    it('requires the basic code to be 10 digits', () => {
      expect(rules(sut(makeCatalogItem({ basicCode: '01010040', implementationCode: '010100404640100001' })))).toEqual(['basicCode:matches']);
    });

    it('requires the basic code to begin with the item kind code', () => {
      expect(rules(sut(makeCatalogItem({ kindCode: '07' })))).toEqual(['basicCode:basicCodeMatchesKind']);
    });

    it('limits the implementation code to 24 letters or digits', () => {
      expect(rules(sut(makeCatalogItem({ implementationCode: '0101004000464010000100001' })))).toEqual(['implementationCode:matches']);
      expect(rules(sut(makeCatalogItem({ implementationCode: '0101004000464010000-01' })))).toEqual(['implementationCode:matches']);
    });

    it('requires the implementation code to extend the basic code', () => {
      expect(rules(sut(makeCatalogItem({ implementationCode: '01010050004640100001' })))).toEqual(['implementationCode:implementationCodeExtendsBasic']);
    });

    it('takes the item kind only from the 事项类型 code list', () => {
      expect(rules(sut(makeCatalogItem({ kindCode: '11' as never, basicCode: '1101004000', implementationCode: '11010040004640100001' })))).toEqual(['kindCode:isIn']);
    });

    it('refuses a department credit code whose check character is wrong', () => {
      const problems = sut(makeCatalogItem({ department: { name: '银川市市场监督管理局', creditCode: '91350100M000100Y44' } }));
      expect(rules(problems)).toEqual(['department.creditCode:isCreditCode']);
      expect(problems[0].message).toContain('实施主体的统一社会信用代码');
    });
  });

  describe('time limits', () => {
    it('refuses a committed limit longer than the legal one', () => {
      const problems = sut(makeCatalogItem({ committedTimeLimit: { days: 11, unit: 'working-day' } }));
      expect(rules(problems)).toEqual(['committedTimeLimit.days:committedWithinLegal']);
      expect(problems[0].message).toBe('承诺办结时限（11 个工作日）不得超过法定办结时限（10 个工作日）');
    });

    it('accepts a committed limit equal to the legal one', () => {
      expect(sut(makeCatalogItem({ committedTimeLimit: { days: 10, unit: 'working-day' } }))).toEqual([]);
    });

    it('requires an instant case (即办件) to commit 0 working days', () => {
      expect(rules(sut(makeCatalogItem({ caseType: '1' })))).toEqual(['committedTimeLimit.days:instantCommittedZero']);
      expect(sut(makeCatalogItem({ caseType: '1', committedTimeLimit: { days: 0, unit: 'working-day' } }))).toEqual([]);
    });

    it('requires a promised case (承诺件) to commit at least 1 working day', () => {
      expect(rules(sut(makeCatalogItem({ committedTimeLimit: { days: 0, unit: 'working-day' } })))).toEqual(['committedTimeLimit.days:promisedCommittedAtLeastOne']);
    });

    it('counts only in working days', () => {
      expect(rules(sut(makeCatalogItem({ legalTimeLimit: { days: 10, unit: 'natural-day' as never } })))).toEqual(['legalTimeLimit.unit:isIn']);
    });

    it('keeps a note on a time limit', () => {
      expect(sut(makeCatalogItem({ legalTimeLimit: { days: 10, unit: 'working-day', note: '现场核查时间不计入' } }))).toEqual([]);
    });
  });

  describe('levels', () => {
    it('lets a township take in a matter decided at the county or the city', () => {
      expect(sut(makeCatalogItem({ decisionLevel: 'city', intakeLevels: ['township'] }))).toEqual([]);
      expect(sut(makeCatalogItem({ decisionLevel: 'county', intakeLevels: ['township', 'county'] }))).toEqual([]);
    });

    it('refuses intake at the city for an item decided at the county', () => {
      const problems = sut(makeCatalogItem({ decisionLevel: 'county', intakeLevels: ['city'] }));
      expect(rules(problems)).toEqual(['intakeLevels[0]:intakeNotAboveDecision']);
      expect(problems[0].message).toContain('由县（区）决定的事项不能在市受理');
    });

    it('names each intake level above the decision level', () => {
      expect(rules(sut(makeCatalogItem({ decisionLevel: 'township', intakeLevels: ['township', 'county', 'city'] })))).toEqual([
        'intakeLevels[1]:intakeNotAboveDecision',
        'intakeLevels[2]:intakeNotAboveDecision',
      ]);
    });

    it('refuses an empty or repeated intake list', () => {
      expect(rules(sut(makeCatalogItem({ intakeLevels: [] })))).toEqual(['intakeLevels:arrayNotEmpty']);
      expect(rules(sut(makeCatalogItem({ intakeLevels: ['county', 'county'] })))).toEqual(['intakeLevels:arrayUnique']);
    });
  });

  describe('fees', () => {
    it('requires the basis of a fee when the item is not free', () => {
      expect(rules(sut(makeCatalogItem({ fee: { charged: true, standard: '每证 10 元' } })))).toEqual(['fee.basis:feeBasisRequired']);
    });

    it('requires the standard of a fee when the item is not free', () => {
      expect(rules(sut(makeCatalogItem({ fee: { charged: true, standard: ' ', basis: '发改价格〔2004〕2831号' } })))).toEqual(['fee.standard:feeStandardRequired']);
    });

    it('accepts a free item without a fee basis, and a charged one with both', () => {
      expect(sut(makeCatalogItem({ fee: { charged: false } }))).toEqual([]);
      expect(sut(makeCatalogItem({ fee: { charged: true, standard: '每证 10 元', basis: '发改价格〔2004〕2831号' } }))).toEqual([]);
    });
  });

  describe('materials', () => {
    it('requires at least one required material', () => {
      const conditionalOnly = [makeMaterial({ requirement: 'conditional', notes: '委托办理的提交' })];
      expect(rules(sut(makeCatalogItem({ materials: conditionalOnly })))).toEqual(['materials:requiredMaterialPresent']);
      expect(rules(sut(makeCatalogItem({ materials: [] })))).toEqual(['materials:requiredMaterialPresent']);
    });

    it('accepts no required material when the item says explicitly that none is needed', () => {
      expect(sut(makeCatalogItem({ materials: [], noMaterialsRequired: true }))).toEqual([]);
    });

    it('refuses "no materials needed" alongside a required material', () => {
      expect(rules(sut(makeCatalogItem({ noMaterialsRequired: true })))).toEqual(['noMaterialsRequired:noMaterialsContradicted']);
    });

    it('refuses two materials with the same name, naming the later one', () => {
      const item = makeCatalogItem();
      item.materials.push(makeMaterial({ name: ' 营业执照 ' }));
      const problems = sut(item);
      expect(rules(problems)).toEqual(['materials[3].name:uniqueMaterialNames']);
      expect(problems[0].message).toBe('材料名称“营业执照”与第 2 项重复');
    });

    it('requires copies when the forms include a copy, and the copy form when copies are asked for', () => {
      const item = makeCatalogItem();
      item.materials[2] = makeMaterial({ name: '身份证', forms: ['original', 'copy'], copies: 0 });
      expect(rules(sut(item))).toEqual(['materials[2].copies:copiesMatchForm']);
      item.materials[2] = makeMaterial({ name: '身份证', forms: ['original'], copies: 2 });
      expect(rules(sut(item))).toEqual(['materials[2].copies:copiesMatchForm']);
    });

    it('requires originals when the forms include an original, and the original form when originals are asked for', () => {
      const item = makeCatalogItem();
      item.materials[0] = makeMaterial({ forms: ['original'], originals: 0 });
      expect(rules(sut(item))).toEqual(['materials[0].originals:originalsMatchForm']);
      item.materials[0] = makeMaterial({ forms: ['electronic'], originals: 1 });
      expect(rules(sut(item))).toEqual(['materials[0].originals:originalsMatchForm']);
    });

    it('accepts an electronic-only material with no paper copies', () => {
      const item = makeCatalogItem();
      item.materials.push(makeMaterial({ name: '电子证照', forms: ['electronic'], originals: 0, copies: 0 }));
      expect(sut(item)).toEqual([]);
    });

    it('requires a conditional material to say when it is needed', () => {
      const item = makeCatalogItem();
      item.materials[2] = makeMaterial({ name: '授权委托书', requirement: 'conditional' });
      expect(rules(sut(item))).toEqual(['materials[2].notes:conditionStated']);
    });

    it('takes material forms and requirement only from their code lists', () => {
      const item = makeCatalogItem();
      item.materials[0] = makeMaterial({ forms: ['fax' as never], requirement: 'optional' as never });
      expect(rules(sut(item))).toEqual(['materials[0].forms:isIn', 'materials[0].requirement:isIn']);
    });
  });

  describe('channels and visits', () => {
    it('requires an online item to offer the web or mobile channel', () => {
      expect(rules(sut(makeCatalogItem({ channels: ['1', '4'] })))).toEqual(['channels:onlineMatchesChannels']);
    });

    it('requires an item offered on the web to be marked as online', () => {
      expect(rules(sut(makeCatalogItem({ onlineAvailable: false })))).toEqual(['onlineAvailable:onlineMatchesChannels']);
    });

    it('refuses "no visit needed" when the counter is the only channel', () => {
      expect(rules(sut(makeCatalogItem({ maxVisits: 0, onlineAvailable: false, channels: ['1'] })))).toEqual(['maxVisits:zeroVisitsNeedRemoteChannel']);
      expect(sut(makeCatalogItem({ maxVisits: 0, onlineAvailable: false, channels: ['1', '4'] }))).toEqual([]);
    });

    it('takes served parties and channels only from their code lists', () => {
      expect(rules(sut(makeCatalogItem({ servedParties: ['7' as never], channels: ['1', '5' as never] })))).toEqual(['servedParties:isIn', 'channels:isIn']);
    });
  });

  describe('phones', () => {
    it('refuses an enquiry phone that does not look like a phone number', () => {
      const problems = sut(makeCatalogItem({ enquiryPhone: '请拨打热线' }));
      expect(rules(problems)).toEqual(['enquiryPhone:isPhoneNumber']);
      expect(problems[0].message).toContain('咨询电话不像电话号码');
    });

    it('refuses a complaint phone that does not look like a phone number', () => {
      expect(rules(sut(makeCatalogItem({ complaintPhone: '123' })))).toEqual(['complaintPhone:isPhoneNumber']);
    });
  });

  describe('status and dates', () => {
    it('requires the effective date to come before the end date', () => {
      expect(rules(sut(makeCatalogItem({ effectiveFrom: '2025-03-01', effectiveUntil: '2025-02-28' })))).toEqual(['effectiveUntil:effectiveDatesOrdered']);
      expect(rules(sut(makeCatalogItem({ effectiveFrom: '2025-03-01', effectiveUntil: '2025-03-01' })))).toEqual(['effectiveUntil:effectiveDatesOrdered']);
      expect(sut(makeCatalogItem({ effectiveFrom: '2025-03-01', effectiveUntil: '2026-03-01' }))).toEqual([]);
    });

    it('compares date-times with offsets by the instant they name', () => {
      expect(rules(sut(makeCatalogItem({ effectiveFrom: '2025-03-01T08:00:00+08:00', effectiveUntil: '2025-03-01T01:00:00Z' })))).toEqual([]);
      expect(rules(sut(makeCatalogItem({ effectiveFrom: '2025-03-01T08:00:00+08:00', effectiveUntil: '2025-03-01T00:00:00Z' })))).toEqual(['effectiveUntil:effectiveDatesOrdered']);
    });

    it('refuses a date that does not exist', () => {
      expect(rules(sut(makeCatalogItem({ effectiveFrom: '2025-02-30' })))).toEqual(['effectiveFrom:isIso8601']);
    });

    it('lets a draft go without an effective date but not an active item', () => {
      expect(sut(makeCatalogItem({ status: 'draft', effectiveFrom: undefined }))).toEqual([]);
      expect(rules(sut(makeCatalogItem({ status: 'active', effectiveFrom: undefined })))).toEqual(['effectiveFrom:effectiveFromRequired']);
    });

    it('takes the status only from its code list', () => {
      expect(rules(sut(makeCatalogItem({ status: 'archived' as never })))).toEqual(['status:isIn']);
    });
  });
});
