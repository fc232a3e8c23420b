import 'reflect-metadata';
import { IsInt, IsString, MaxLength, validateSync } from 'class-validator';
import { fieldLabel, toFieldProblems } from './field-problems.js';

class Sample {
  @IsString()
  @MaxLength(3)
  name: string;

  @IsInt()
  maxVisits: number;
}

describe('fieldLabel', () => {
  it('names a top-level field in Chinese', () => {
    expect(fieldLabel('legalBasis')).toBe('设定依据');
  });

  it('names a field inside a list by its position counted from 1', () => {
    expect(fieldLabel('materials[2].copies')).toBe('申请材料第3项的复印件份数');
    expect(fieldLabel('intakeLevels[0]')).toBe('受理层级第1项');
  });

  it('tells apart fields with the same name in different places', () => {
    expect(fieldLabel('department.name')).toBe('实施主体的名称');
    expect(fieldLabel('processSteps[0].name')).toBe('办理流程第1项的环节名称');
    expect(fieldLabel('name')).toBe('事项名称');
  });

  it('falls back to the field name when it has no Chinese label', () => {
    expect(fieldLabel('fee.currency')).toBe('收费的currency');
  });
});

describe('toFieldProblems', () => {
  it('reports every rule a present value breaks', () => {
    const sample = Object.assign(new Sample(), { name: 'abcd', maxVisits: 1 });
    expect(toFieldProblems(validateSync(sample))).toEqual([{ field: 'name', rule: 'maxLength', message: '事项名称超过最大长度', messageEn: 'name must be shorter than or equal to 3 characters' }]);
  });

  it('reports a missing value once as missing instead of every rule it breaks', () => {
    const sample = Object.assign(new Sample(), { maxVisits: 1 });
    expect(toFieldProblems(validateSync(sample)).map((p) => p.rule)).toEqual(['isDefined']);
  });

  it('reports a value of the wrong type by its type only', () => {
    const sample = Object.assign(new Sample(), { name: 12345, maxVisits: 'two' });
    expect(toFieldProblems(validateSync(sample)).map((p) => `${p.field}:${p.rule}`)).toEqual(['name:isString', 'maxVisits:isInt']);
  });

  it('prefixes the English message with the whole path of a nested field', () => {
    const sample = Object.assign(new Sample(), { name: 'ab', maxVisits: 1.5 });
    const [problem] = toFieldProblems(validateSync(sample), 'materials[4]');
    expect(problem.field).toBe('materials[4].maxVisits');
    expect(problem.messageEn).toBe('materials[4].maxVisits must be an integer number');
  });
});
