import { ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  MATERIAL_FORMS,
  MATERIAL_REQUIREMENTS,
  TIME_LIMIT_UNITS,
  codesOf,
  type MaterialFormCode,
  type MaterialRequirementCode,
  type TimeLimitUnitCode,
} from './code-lists.js';
import { IsCreditCode, IsNotBlank } from './validators.js';

/** 实施主体: the department that carries out the matter. */
export class DepartmentInput {
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name: string;

  /** 统一社会信用代码 (GB 32100). */
  @IsCreditCode()
  creditCode: string;
}

/** 法定/承诺办结时限, counted in working days from acceptance. */
export class TimeLimitInput {
  @IsInt()
  @Min(0)
  @Max(365)
  days: number;

  @IsIn(codesOf(TIME_LIMIT_UNITS))
  unit: TimeLimitUnitCode;

  /** 时限说明: what the count leaves out or where it comes from. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  note?: string;
}

/** 申请材料: one line of the applicant's checklist (一次性告知). */
export class MaterialInput {
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name: string;

  /** 出具机构: who issues the document ("申请人" for a form the applicant fills in). */
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  issuer: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(codesOf(MATERIAL_FORMS), { each: true })
  forms: MaterialFormCode[];

  /** 原件份数. */
  @IsInt()
  @Min(0)
  @Max(99)
  originals: number;

  /** 复印件份数. */
  @IsInt()
  @Min(0)
  @Max(99)
  copies: number;

  /** 是否必备. */
  @IsIn(codesOf(MATERIAL_REQUIREMENTS))
  requirement: MaterialRequirementCode;

  /** 备注; for a conditional material, the circumstance in which it is needed. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  notes?: string;
}

/** 是否收费, 收费标准, 收费依据. */
export class FeeInput {
  @IsBoolean()
  charged: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  standard?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  basis?: string;
}

/** 办理流程: one step. */
export class ProcessStepInput {
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

/** 常见问题. */
export class FaqEntryInput {
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  question: string;

  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  answer: string;
}
