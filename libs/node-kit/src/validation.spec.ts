import 'reflect-metadata';
import { Type, plainToInstance } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested, validateSync } from 'class-validator';
import { toFieldProblems } from './validation.js';

class AddressDto {
  @IsString()
  @MaxLength(10)
  street: string;
}

class MaterialDto {
  @IsString()
  name: string;
}

class ApplicantDto {
  @IsString()
  name: string;

  @IsInt()
  @Min(1)
  copies: number;

  @IsOptional()
  @IsEmail()
  email?: string;

  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials?: MaterialDto[];
}

function problemsFor(body: Record<string, unknown>, options: { forbidNonWhitelisted?: boolean } = {}) {
  const dto = plainToInstance(ApplicantDto, body);
  return toFieldProblems(validateSync(dto, { whitelist: true, forbidNonWhitelisted: options.forbidNonWhitelisted ?? false }));
}

const valid = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ name: '张三', copies: 1, address: { street: '解放西街' }, ...over });

describe('toFieldProblems', () => {
  it('finds no problems in a valid body', () => {
    expect(problemsFor(valid())).toEqual([]);
  });

  it('names a top-level field, keeps the rule, and gives zh-CN and English messages', () => {
    expect(problemsFor(valid({ name: 42 }))).toEqual([{ field: 'name', rule: 'isString', message: 'name 必须是文本', messageEn: 'name must be a string' }]);
  });

  it('names a nested field by its dotted path', () => {
    expect(problemsFor(valid({ address: { street: '银川市兴庆区解放西街一百号' } }))).toEqual([
      { field: 'address.street', rule: 'maxLength', message: 'address.street 超过最大长度', messageEn: 'street must be shorter than or equal to 10 characters' },
    ]);
  });

  it('names a field inside a list item by its index', () => {
    expect(problemsFor(valid({ materials: [{ name: '身份证' }, { name: 7 }] }))).toEqual([
      { field: 'materials.1.name', rule: 'isString', message: 'materials.1.name 必须是文本', messageEn: 'name must be a string' },
    ]);
  });

  it('lists each failed rule of a field as its own problem', () => {
    const problems = problemsFor(valid({ copies: 'two' }));

    expect(problems.map((p) => p.rule).sort()).toEqual(['isInt', 'min']);
    expect(problems.every((p) => p.field === 'copies')).toBe(true);
    expect(problems.find((p) => p.rule === 'min')?.message).toBe('copies 小于允许的最小值');
  });

  it('gives a zh-CN message naming the rule for a rule without its own wording', () => {
    expect(problemsFor(valid({ email: 'not-an-email' }))).toEqual([
      { field: 'email', rule: 'isEmail', message: 'email 不符合规则 isEmail', messageEn: 'email must be an email' },
    ]);
  });

  it('reports a field that is not allowed with the whitelist rule', () => {
    expect(problemsFor(valid({ extra: 'x' }), { forbidNonWhitelisted: true })).toEqual([
      { field: 'extra', rule: 'whitelistValidation', message: '不允许的字段 extra', messageEn: 'property extra is not allowed' },
    ]);
  });

  it('gives a nested field that is not allowed its full path', () => {
    expect(problemsFor(valid({ address: { street: '解放西街', floor: 3 } }), { forbidNonWhitelisted: true })).toEqual([
      { field: 'address.floor', rule: 'whitelistValidation', message: '不允许的字段 address.floor', messageEn: 'property address.floor is not allowed' },
    ]);
  });

  it('prefixes every field with the parent it is given', () => {
    const errors = validateSync(plainToInstance(AddressDto, { street: 5 }));

    expect(new Set(toFieldProblems(errors, 'body').map((p) => p.field))).toEqual(new Set(['body.street']));
  });
});
