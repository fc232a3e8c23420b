import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { IsNotBlank, IsPhoneNumber, isValidCreditCode } from '#libs/catalog';
import { isResidentId } from '#libs/domain';
import { DELIVERY_METHODS, RATING_CHANNELS, RATING_LEVELS, SPECIAL_PROCEDURE_KINDS } from '#libs/cases';

/** Rule `isResidentId`: an 18-character resident ID with a valid GB 11643 check character. */
export function IsResidentId(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isResidentId',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be an 18-character resident ID with a valid check character (GB 11643)', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isResidentId(value) },
    });
}

/** Rule `isApplicantId`: a resident ID (GB 11643) for a person, a credit code (GB 32100) for an organisation. */
function IsApplicantId(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isApplicantId',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a resident ID with a valid check character (GB 11643) for a person, or a unified social credit code (GB 32100) for an organisation' },
      validator: {
        validate: (value: unknown, args) =>
          typeof value === 'string' && ((args?.object as ApplicantDto).kind === 'organisation' ? isValidCreditCode(value) : isResidentId(value)),
      },
    });
}

/** 办理形式 a case may come in by (GB/T 39046): counter, online, mobile, post. */
export const INTAKE_CHANNELS = ['1', '2', '3', '4'] as const;

export class ApplicantDto {
  @ApiProperty({ enum: ['person', 'organisation'] })
  @IsIn(['person', 'organisation'])
  kind: 'person' | 'organisation';

  @ApiProperty({ description: 'The person, or the organisation as registered' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name: string;

  @ApiProperty({ description: "A person's resident ID (GB 11643), or an organisation's unified social credit code (GB 32100)" })
  @IsApplicantId()
  idNumber: string;

  @ApiPropertyOptional({ description: 'For an organisation: the contact person who applies for it' })
  @ValidateIf((o: ApplicantDto) => o.kind === 'organisation')
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  contactName?: string;

  @ApiPropertyOptional({ description: "For an organisation: the contact person's resident ID" })
  @ValidateIf((o: ApplicantDto) => o.kind === 'organisation')
  @IsResidentId()
  contactIdNumber?: string;

  @ApiProperty()
  @IsPhoneNumber()
  phone: string;

  @ApiProperty()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  address: string;
}

export class BroughtMaterialDto {
  @ApiProperty({ description: "The material's name as on the item's checklist" })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name: string;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(99)
  originals: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(99)
  copies: number;

  @ApiPropertyOptional({ description: 'An electronic copy was supplied (电子件)' })
  @IsOptional()
  @IsBoolean()
  electronic?: boolean;
}

export class ResultDocumentDto {
  @ApiProperty({ description: '结果证照名称' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  resultName: string;

  @ApiProperty({ description: '结果证照编号' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  resultNumber: string;

  @ApiPropertyOptional({ description: '有效期至 (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validUntil must be a date YYYY-MM-DD' })
  validUntil?: string;
}

/** 收件: a citizen's application taken in at this node's counter. */
export class IntakeDto {
  @ApiProperty({ description: 'The matter: its implementation code (实施编码) in this node\'s catalog' })
  @IsString()
  @Matches(/^\d{10}[0-9A-Z]{1,14}$/, { message: 'itemCode must be an implementation code (实施编码)' })
  itemCode: string;

  @ApiPropertyOptional({ enum: ['city', 'county'], description: "Which catalog's item, when a county item shares the code (default: the city's)" })
  @IsOptional()
  @IsIn(['city', 'county'])
  origin?: 'city' | 'county';

  @ApiProperty({ type: ApplicantDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @ApiProperty({ enum: INTAKE_CHANNELS, description: '办理形式: 1 窗口, 2 网上, 3 移动端, 4 快递' })
  @IsIn(INTAKE_CHANNELS)
  channel: string;

  @ApiProperty({ type: [BroughtMaterialDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BroughtMaterialDto)
  materials: BroughtMaterialDto[];

  @ApiPropertyOptional({ description: 'Conditional materials (依情形提交) whose circumstance applies, by name' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  conditions?: string[];

  @ApiPropertyOptional({ type: ResultDocumentDto, description: 'For an instant matter (即办件) decided here: the result handed over on the spot' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResultDocumentDto)
  instantResult?: ResultDocumentDto;
}

/** The version the person saw; when given, an action on a case changed since answers 409. */
export class VersionedDto {
  @ApiPropertyOptional({ description: 'The case version the action is based on' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class CompleteMaterialsDto extends VersionedDto {
  @ApiProperty({ type: [BroughtMaterialDto], description: 'Everything brought now (added to what was brought before)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BroughtMaterialDto)
  materials: BroughtMaterialDto[];
}

export class EmptyActionDto extends VersionedDto {}

export class RequestCorrectionDto extends VersionedDto {
  @ApiProperty({ description: 'Everything to correct, listed at once (补正一次性告知)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(200, { each: true })
  items: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CorrectionReceivedDto extends VersionedDto {
  @ApiPropertyOptional({ type: [BroughtMaterialDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BroughtMaterialDto)
  materials?: BroughtMaterialDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class StartSpecialProcedureDto extends VersionedDto {
  @ApiProperty({ enum: SPECIAL_PROCEDURE_KINDS.map((k) => k.code) })
  @IsIn(SPECIAL_PROCEDURE_KINDS.map((k) => k.code))
  kind: string;

  @ApiProperty()
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}

export class EndSpecialProcedureDto extends VersionedDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  result?: string;
}

export class NotAcceptDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;

  @ApiProperty({ description: '法律依据' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  legalBasis: string;
}

export class ApproveDto extends VersionedDto {
  @ApiProperty({ description: '结果证照名称' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  resultName: string;

  @ApiProperty({ description: '结果证照编号' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  resultNumber: string;

  @ApiPropertyOptional({ description: '有效期至 (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validUntil must be a date YYYY-MM-DD' })
  validUntil?: string;
}

export class ReasonDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}

/** 延长审批: extra working days approved by the head of the office (行政许可法 art. 42), with the reason. */
export class ExtendTimeLimitDto extends ReasonDto {
  @ApiProperty({ minimum: 1, maximum: 10, description: 'Working days; at most 10 in all for a case' })
  @IsInt()
  @Min(1)
  @Max(10)
  days: number;

  @ApiProperty({ description: 'Who approved the extension (staff id or post)' })
  @IsString()
  @IsNotBlank()
  @Matches(/^[\w.:-]{1,100}$/, { message: 'approvedBy must be a staff id (letters, digits, . : _ -)' })
  approvedBy: string;

  @ApiProperty({ description: 'Their name, as the timeline shows it' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  approvedByName: string;
}

export class WithdrawalRequestDto extends VersionedDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class DeliverDto extends VersionedDto {
  @ApiProperty({ enum: DELIVERY_METHODS.map((m) => m.code) })
  @IsIn(DELIVERY_METHODS.map((m) => m.code))
  method: string;

  @ApiProperty({ description: 'When it was delivered (ISO 8601)' })
  @IsISO8601({ strict: true })
  at: string;

  @ApiProperty({ description: 'Who signed for it' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  recipient: string;
}

export class RateDto extends VersionedDto {
  @ApiProperty({ enum: RATING_LEVELS.map((l) => l.code), description: '1 非常满意 … 5 非常不满意' })
  @IsIn(RATING_LEVELS.map((l) => l.code))
  level: string;

  @ApiProperty({ enum: RATING_CHANNELS.map((c) => c.code) })
  @IsIn(RATING_CHANNELS.map((c) => c.code))
  channel: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

/** 电子评价器: what the applicant gives on the rating screen (the channel is the counter's device). */
export class PublicRatingDto extends PickType(RateDto, ['level', 'comment'] as const) {}
