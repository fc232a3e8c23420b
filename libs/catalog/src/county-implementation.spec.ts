import 'reflect-metadata';
import type { FieldProblem } from '#libs/domain';
import { applyCountyImplementation, missingSettingProblems, validateCountyImplementation as sut, validateCountyOnlyItem } from './county-implementation.js';
import { makeCatalogItem, makeCountyImplementation } from './testing/catalog-item.factory.js';

const rules = (problems: FieldProblem[]) => problems.map((p) => `${p.field}:${p.rule}`);
const item = makeCatalogItem(); // promised, decided at the county, legal limit 10, committed 5

describe('validateCountyImplementation', () => {
  it('accepts a county that shortens the committed limit and sets its own place', () => {
    expect(sut(item, makeCountyImplementation())).toEqual([]);
  });

  it('accepts a committed limit equal to the legal one', () => {
    expect(sut(item, makeCountyImplementation({ committedTimeLimit: { days: 10, unit: 'working-day' } }))).toEqual([]);
  });

  it('never lets a county set a committed limit above the legal one', () => {
    const problems = sut(item, makeCountyImplementation({ committedTimeLimit: { days: 11, unit: 'working-day' } }));
    expect(rules(problems)).toEqual(['committedTimeLimit.days:committedWithinLegal']);
    expect(problems[0].message).toBe('承诺办结时限（11 个工作日）不得超过法定办结时限（10 个工作日）');
    expect(problems[0].messageEn).toContain('must not exceed the legal one (10)');
  });

  it('keeps an instant item at 0 committed days and a promised one at 1 or more', () => {
    const instant = makeCatalogItem({ caseType: '1', committedTimeLimit: { days: 0, unit: 'working-day' } });
    expect(rules(sut(instant, makeCountyImplementation({ committedTimeLimit: { days: 2, unit: 'working-day' } })))).toEqual(['committedTimeLimit.days:instantCommittedZero']);
    expect(rules(sut(item, makeCountyImplementation({ committedTimeLimit: { days: 0, unit: 'working-day' } })))).toEqual(['committedTimeLimit.days:promisedCommittedAtLeastOne']);
  });

  it('lets a county set place and hours for a city-decided item but not its committed limit', () => {
    const cityItem = makeCatalogItem({ decisionLevel: 'city', intakeLevels: ['township', 'county', 'city'] });
    expect(sut(cityItem, makeCountyImplementation({ committedTimeLimit: undefined, hours: '工作日 9:00—17:00' }))).toEqual([]);
    expect(rules(sut(cityItem, makeCountyImplementation()))).toEqual(['committedTimeLimit.days:committedLimitBeyondCounty']);
  });

  it('refuses an override written for another item', () => {
    expect(rules(sut(item, makeCountyImplementation({ itemCode: '01010010004640100001' })))).toEqual(['itemCode:itemCodeMatches']);
  });

  it('refuses a region code that is not a county', () => {
    expect(rules(sut(item, makeCountyImplementation({ countyCode: '640104100000' })))).toEqual(['countyCode:isCountyCode']);
    expect(rules(sut(item, makeCountyImplementation({ countyCode: '640100000000' })))).toEqual(['countyCode:isCountyCode']);
    expect(rules(sut(item, makeCountyImplementation({ countyCode: '6401' })))).toEqual(['countyCode:matches']);
  });

  it('refuses phones that do not look like phone numbers and fields it does not know', () => {
    expect(rules(sut(item, { ...makeCountyImplementation({ enquiryPhone: '兴庆区热线', complaintPhone: '0951-8012502' }), legalTimeLimit: 30 }))).toEqual([
      'legalTimeLimit:whitelistValidation',
      'enquiryPhone:isPhoneNumber',
    ]);
  });

  it('refuses something that is not an object', () => {
    expect(rules(sut(item, 'shorter'))).toEqual([':isObject']);
  });
});

describe('applyCountyImplementation', () => {
  it('shows the county values over the city ones and keeps the rest of the item', () => {
    const view = applyCountyImplementation(item, makeCountyImplementation({ notes: '可预约上门核查' }));
    expect(view.committedTimeLimit.days).toBe(3);
    expect(view.place).toBe('兴庆区政务服务中心一楼');
    expect(view.hours).toBe(item.hours);
    expect(view.legalTimeLimit).toEqual(item.legalTimeLimit);
    expect(view.countyCode).toBe('640104000000');
    expect(view.localNotes).toBe('可预约上门核查');
  });

  it('keeps the city committed limit when the county sets none', () => {
    expect(applyCountyImplementation(item, makeCountyImplementation({ committedTimeLimit: undefined })).committedTimeLimit).toEqual(item.committedTimeLimit);
  });
});

describe('validateCountyOnlyItem', () => {
  it('accepts a valid item decided at the county for a county code', () => {
    expect(validateCountyOnlyItem('640121000000', item)).toEqual([]);
  });

  it('refuses a county-only item decided or taken in at the city', () => {
    const cityItem = makeCatalogItem({ decisionLevel: 'city', intakeLevels: ['county', 'city'] });
    expect(rules(validateCountyOnlyItem('640121000000', cityItem))).toEqual(['decisionLevel:countyOnlyNotCity', 'intakeLevels[1]:countyOnlyNotCity']);
  });

  it('refuses an owner that is not a county', () => {
    expect(rules(validateCountyOnlyItem('640121100000', item))).toEqual(['countyCode:isCountyCode']);
  });

  it('also reports the item problems themselves', () => {
    expect(rules(validateCountyOnlyItem('640121000000', makeCatalogItem({ complaintPhone: 'x' })))).toEqual(['complaintPhone:isPhoneNumber']);
  });
});

describe('missingSettingProblems', () => {
  it('refuses an entry that sets nothing, naming the settings one of which is required', () => {
    expect(missingSettingProblems({})).toEqual([expect.objectContaining({ field: 'body', rule: 'atLeastOneSetting', messageEn: expect.stringContaining('place') })]);
    expect(missingSettingProblems({ countyCode: '640104000000', itemCode: 'x', place: undefined })).toHaveLength(1);
  });

  it('accepts an entry that sets one thing', () => {
    expect(missingSettingProblems({ notes: '' })).toEqual([]);
    expect(missingSettingProblems({ hours: '工作日 9:00-17:00' })).toEqual([]);
  });
});
