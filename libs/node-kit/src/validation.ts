import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from '#libs/domain';

/** zh-CN wording for class-validator's rules; the English message comes from the rule itself. */
const RULES_ZH: Record<string, (field: string) => string> = {
  isNotEmpty: (f) => `${f} 不能为空`,
  isDefined: (f) => `${f} 必须填写`,
  isString: (f) => `${f} 必须是文本`,
  isInt: (f) => `${f} 必须是整数`,
  isNumber: (f) => `${f} 必须是数字`,
  isBoolean: (f) => `${f} 必须是是/否`,
  isIn: (f) => `${f} 不在允许的取值范围内`,
  isEnum: (f) => `${f} 不在允许的取值范围内`,
  min: (f) => `${f} 小于允许的最小值`,
  max: (f) => `${f} 大于允许的最大值`,
  minLength: (f) => `${f} 长度不足`,
  maxLength: (f) => `${f} 超过最大长度`,
  matches: (f) => `${f} 格式不正确`,
  isUuid: (f) => `${f} 必须是 UUID`,
  isIso8601: (f) => `${f} 必须是 ISO 8601 日期时间`,
  isDateString: (f) => `${f} 必须是日期`,
  isCalendarDate: (f) => `${f} 必须是有效日期（YYYY-MM-DD）`,
  isArray: (f) => `${f} 必须是列表`,
  arrayMinSize: (f) => `${f} 条目太少`,
  arrayMaxSize: (f) => `${f} 条目太多`,
  whitelistValidation: (f) => `不允许的字段 ${f}`,
  isObject: (f) => `${f} 必须是对象`,
  nestedValidation: (f) => `${f} 内容不正确`,
  isNotBlank: (f) => `${f} 不能为空白`,
  isPhoneNumber: (f) => `${f} 必须是有效的电话号码，如 0951-6192345、13995012345 或 12345`,
  isCreditCode: (f) => `${f} 必须是校验位正确的 18 位统一社会信用代码（GB 32100）`,
  isResidentId: (f) => `${f} 必须是校验位正确的 18 位公民身份号码（GB 11643）`,
  isApplicantId: (f) => `${f} 须为校验位正确的公民身份号码（个人，GB 11643）或统一社会信用代码（组织，GB 32100）`,
  arrayUnique: (f) => `${f} 不能有重复条目`,
  onlyWhenReached: (f) => `${f} 只能在联系到申请人时填写`,
};

export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, messageEn]) => ({
      field,
      rule,
      message: (RULES_ZH[rule] ?? ((f: string) => `${f} 不符合规则 ${rule}`))(field),
      messageEn: rule === 'whitelistValidation' ? `property ${field} is not allowed` : messageEn,
    }));
    return [...own, ...toFieldProblems(e.children ?? [], field)];
  });
}

/** The 400 every validation failure answers with (the pipe's, and the edge checks' in input-guard.ts). */
export function validationFailed(problems: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    code: 'VALIDATION_FAILED',
    message: '输入有误，请按提示修改后重试',
    messageEn: 'The input is invalid; correct the fields listed and try again',
    errors: problems,
  });
}

/** Validates every HTTP body and query: unknown fields refused, each problem named by field and rule. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(toFieldProblems(errors)),
  });
}
