import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isValidCreditCode } from './credit-code.js';
import { isPhoneNumber } from './phone.js';

/** Rule `isCreditCode`: an 18-character GB 32100 code with a valid check character. */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be an 18-character unified social credit code with a valid check character (GB 32100)', ...options },
      validator: { validate: (value: unknown) => isValidCreditCode(value) },
    });
}

/** Rule `isPhoneNumber`: a landline with area code, a mobile, a 12xxx hotline or a 400 number. */
export function IsPhoneNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPhoneNumber',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a telephone number such as 0951-6192345, 13995012345 or 12345', ...options },
      validator: { validate: (value: unknown) => isPhoneNumber(value) },
    });
}

/** Rule `isNotBlank`: a string with at least one character that is not white space. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBlank',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must not be blank', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0 },
    });
}
