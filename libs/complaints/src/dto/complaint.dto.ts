import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CASE_NUMBER } from '#libs/cases';
import { IsNotBlank, IsPhoneNumber } from '#libs/catalog';
import { COMPLAINT_CHANNEL_CODES, COMPLAINT_NUMBER, COMPLAINT_OUTCOME_CODES, COMPLAINT_STATUS_CODES, type ComplaintChannel, type ComplaintOutcome } from '#libs/contracts';
import { PageQuery } from '#libs/node-kit';

const NODE = /^\d{12}$/;

export class ComplainantDto {
  @ApiProperty({ description: '投诉人姓名' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  name: string;

  @ApiProperty({ description: '联系电话, e.g. 13995012345 or 0951-6192345' })
  @IsPhoneNumber()
  phone: string;
}

/** A complaint as staff take it at a counter, on the phone, from a letter or an online message. */
export class FileComplaintDto {
  @ApiProperty({ description: 'The centre complained about (12-digit node code)', example: '640104100000' })
  @Matches(NODE, { message: 'againstNode must be the 12-digit code of a centre' })
  againstNode: string;

  @ApiPropertyOptional({ description: 'The case complained about (办件编号, 27 characters), if any' })
  @IsOptional()
  @Matches(CASE_NUMBER, { message: 'caseNumber must be a 27-character case number' })
  caseNumber?: string;

  @ApiProperty({ enum: COMPLAINT_CHANNEL_CODES, description: '投诉渠道: counter 窗口, phone 电话, online 网上, letter 来信' })
  @IsIn(COMPLAINT_CHANNEL_CODES, { message: `channel must be one of ${COMPLAINT_CHANNEL_CODES.join(', ')}` })
  channel: ComplaintChannel;

  @ApiProperty({ type: ComplainantDto })
  @IsDefined({ message: 'complainant must be given (name and phone)' })
  @ValidateNested()
  @Type(() => ComplainantDto)
  complainant: ComplainantDto;

  @ApiProperty({ description: '投诉内容' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  content: string;
}

/** The public's online form: the channel is `online`. */
export class PublicComplaintDto extends OmitType(FileComplaintDto, ['channel'] as const) {}

export class AnswerComplaintDto {
  @ApiProperty({ description: '答复内容: what was found and done' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  content: string;

  @ApiProperty({ enum: COMPLAINT_OUTCOME_CODES, description: 'upheld 投诉属实, not_upheld 投诉不属实' })
  @IsIn(COMPLAINT_OUTCOME_CODES, { message: `outcome must be one of ${COMPLAINT_OUTCOME_CODES.join(', ')}` })
  outcome: ComplaintOutcome;
}

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ComplaintListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUS_CODES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUS_CODES)
  status?: string;

  @ApiPropertyOptional({ description: 'The centre complained about' })
  @IsOptional()
  @Matches(NODE, { message: 'againstNode must be a 12-digit node code' })
  againstNode?: string;

  @ApiPropertyOptional({ description: 'The node handling the complaints (the city: any)' })
  @IsOptional()
  @Matches(NODE, { message: 'handlingNode must be a 12-digit node code' })
  handlingNode?: string;

  @ApiPropertyOptional({ description: 'The node that took the complaints' })
  @IsOptional()
  @Matches(NODE, { message: 'takenAtNode must be a 12-digit node code' })
  takenAtNode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CASE_NUMBER, { message: 'caseNumber must be a 27-character case number' })
  caseNumber?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(COMPLAINT_NUMBER, { message: 'number must be a complaint number such as TS-640104100000-20270301-0001' })
  number?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_CHANNEL_CODES })
  @IsOptional()
  @IsIn(COMPLAINT_CHANNEL_CODES)
  channel?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_OUTCOME_CODES })
  @IsOptional()
  @IsIn(COMPLAINT_OUTCOME_CODES)
  outcome?: string;

  @ApiPropertyOptional({ description: 'Only complaints unanswered past their date' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}

export class PublicLookupQuery {
  @ApiProperty({ description: 'The secret given with the complaint number' })
  @IsString()
  @IsNotBlank()
  @MaxLength(32)
  secret: string;
}
