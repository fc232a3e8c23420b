import {
  CASE_TYPES,
  CHANNELS,
  CODE_LISTS,
  DECISION_LEVELS,
  EXERCISE_LEVELS,
  ITEM_KINDS,
  ITEM_STATUSES,
  MATERIAL_FORMS,
  MATERIAL_REQUIREMENTS,
  SERVED_PARTIES,
  SPECIAL_PROCEDURES,
  codesOf,
  compareLevels,
  decisionLevelOfExerciseLevel,
  exerciseLevelOf,
  isDecisionLevel,
  labelOf,
} from './code-lists.js';

describe('GB/T 39046-2020 code lists', () => {
  it('holds the 事项类型 codes 01 to 10 and 20 with their Chinese labels', () => {
    expect(codesOf(ITEM_KINDS)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20']);
    expect(labelOf(ITEM_KINDS, '01')).toBe('行政许可');
    expect(labelOf(ITEM_KINDS, '07')).toBe('行政确认');
    expect(labelOf(ITEM_KINDS, '20')).toBe('公共服务');
  });

  it('holds the 行使层级 codes 1 to 6, 服务对象 1 to 6 and 办理形式 1, 2, 3, 4, 9', () => {
    expect(codesOf(EXERCISE_LEVELS)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(labelOf(EXERCISE_LEVELS, '5')).toBe('乡镇（街道）级');
    expect(codesOf(SERVED_PARTIES)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(labelOf(SERVED_PARTIES, '1')).toBe('自然人');
    expect(codesOf(CHANNELS)).toEqual(['1', '2', '3', '4', '9']);
    expect(labelOf(CHANNELS, '2')).toBe('网上办理');
  });

  it('names case type 1 即办件 and 2 承诺件, and special procedure 1 延长审批', () => {
    expect(CASE_TYPES.map((c) => [c.code, c.zh])).toEqual([
      ['1', '即办件'],
      ['2', '承诺件'],
    ]);
    expect(codesOf(SPECIAL_PROCEDURES)).toEqual(['1', '2']);
    expect(labelOf(SPECIAL_PROCEDURES, '1')).toBe('延长审批');
  });

  it('lists material forms, requirement and item statuses including 取消 and 下放', () => {
    expect(codesOf(MATERIAL_FORMS)).toEqual(['original', 'copy', 'electronic']);
    expect(codesOf(MATERIAL_REQUIREMENTS)).toEqual(['required', 'conditional']);
    expect(codesOf(ITEM_STATUSES)).toEqual(['draft', 'active', 'suspended', 'cancelled', 'delegated']);
    expect(labelOf(ITEM_STATUSES, 'cancelled')).toBe('取消');
    expect(labelOf(ITEM_STATUSES, 'delegated')).toBe('下放');
  });

  it('gives every entry of every list a unique code and both a Chinese and an English label', () => {
    for (const [name, list] of Object.entries(CODE_LISTS)) {
      const codes = list.map((e) => e.code);
      expect({ name, unique: new Set(codes).size }).toEqual({ name, unique: codes.length });
      for (const e of list) {
        expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(e.en).toMatch(/^[a-z]/i);
      }
    }
  });

  it('shows an unknown code as itself rather than hiding it', () => {
    expect(labelOf(ITEM_KINDS, '99')).toBe('99');
  });
});

describe('decision levels', () => {
  it('maps township, county and city to 行使层级 5, 4 and 3 and back', () => {
    expect(DECISION_LEVELS.map((l) => exerciseLevelOf(l.code))).toEqual(['5', '4', '3']);
    expect(decisionLevelOfExerciseLevel('4')).toBe('county');
    expect(decisionLevelOfExerciseLevel('1')).toBeUndefined();
  });

  it('orders township below county below city', () => {
    expect(compareLevels('township', 'county')).toBe(-1);
    expect(compareLevels('city', 'county')).toBe(1);
    expect(compareLevels('county', 'county')).toBe(0);
  });

  it('recognises only the three level codes', () => {
    expect(isDecisionLevel('city')).toBe(true);
    expect(isDecisionLevel('province')).toBe(false);
    expect(isDecisionLevel('toString')).toBe(false);
    expect(isDecisionLevel(3)).toBe(false);
  });
});
