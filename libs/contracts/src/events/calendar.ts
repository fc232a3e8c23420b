import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { dayNumber, HOLIDAY_CODES, type HolidayCode } from '#libs/calendar';
import { defineEvent } from '../registry.js';

const STAFF_ID = /^[\w.:-]{1,100}$/;
const CHANGE_ID = /^[\w.:-]{1,64}$/;
export const CALENDAR_DAY_KINDS = ['off', 'on'] as const;
export const CALENDAR_AMENDMENT_KINDS = ['year', 'local'] as const;

/** The key of the calendar on the compacted catalog topic: one key, so every amendment keeps its order and the latest record holds the whole set. */
export const CALENDAR_KEY = '__calendar__';

/** Rule `isCalendarDate`: a real `YYYY-MM-DD` date (2026-02-30 is not). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a valid date (YYYY-MM-DD)', ...options },
      validator: {
        validate: (value: unknown) => {
          try {
            dayNumber(value as string);
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}

/** The State Council notice a year file comes from. */
export class CalendarNoticeData {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  titleZh: string;

  /** 发文字号, e.g. 国办发明电〔2025〕7号. */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  number: string;

  @IsCalendarDate()
  issuedOn: string;

  @Matches(/^https?:\/\/\S+$/, { message: 'url must be an http(s) address' })
  @MaxLength(500)
  url: string;
}

/** One day that differs from Monday to Friday in a year file. */
export class CalendarExceptionData {
  @IsCalendarDate()
  date: string;

  @IsIn(CALENDAR_DAY_KINDS)
  kind: (typeof CALENDAR_DAY_KINDS)[number];

  @IsIn(HOLIDAY_CODES)
  holiday: HolidayCode;

  @IsString()
  @MinLength(1)
  @MaxLength(50)
  nameZh: string;
}

/** A whole year of the official calendar (a `CalendarYearFile`): a corrected year, or a provisional one made official. */
export class CalendarYearFileData {
  @IsInt()
  @Min(1000)
  @Max(9999)
  year: number;

  @IsInt()
  @Min(1)
  version: number;

  @IsBoolean()
  provisional: boolean;

  /** Null (or absent) while the year is provisional. */
  @IsOptional()
  @ValidateNested()
  @Type(() => CalendarNoticeData)
  notice?: CalendarNoticeData | null;

  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  statementZh: string;

  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  statementEn: string;

  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => CalendarExceptionData)
  exceptions: CalendarExceptionData[];
}

/** A city's own change to one day (a `LocalCalendarChange`), as the city keeps and sends it. */
export class LocalCalendarChangeData {
  @Matches(CHANGE_ID, { message: 'id must be 1-64 letters, digits or ._:-' })
  id: string;

  @IsCalendarDate()
  date: string;

  @IsIn(CALENDAR_DAY_KINDS)
  kind: (typeof CALENDAR_DAY_KINDS)[number];

  @IsString()
  @MinLength(1)
  @MaxLength(50)
  nameZh: string;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;

  @IsInt()
  @Min(1)
  version: number;
}

/** Every amendment in force: the year files sent after the release and the city's whole set of local changes. */
export class CalendarAmendmentsData {
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CalendarYearFileData)
  years: CalendarYearFileData[];

  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => LocalCalendarChangeData)
  local: LocalCalendarChangeData[];
}

/**
 * One amendment of the working calendar by the city, with the whole set in force after it (`held`), so
 * that the latest record of the compacted topic is all a node started later needs.
 */
export class CalendarAmendedPayload {
  @IsUUID()
  id: string;

  /** The city's count of amendments: 1, 2, 3… A node applies only one higher than what it holds. */
  @IsInt()
  @Min(1)
  sequence: number;

  @IsIn(CALENDAR_AMENDMENT_KINDS)
  kind: (typeof CALENDAR_AMENDMENT_KINDS)[number];

  @ValidateIf((o: CalendarAmendedPayload) => o.kind === 'year')
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CalendarYearFileData)
  year?: CalendarYearFileData;

  @ValidateIf((o: CalendarAmendedPayload) => o.kind === 'local')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => LocalCalendarChangeData)
  localChanges?: LocalCalendarChangeData[];

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;

  @IsISO8601({ strict: true })
  amendedAt: string;

  @Matches(STAFF_ID)
  amendedBy: string;

  @IsString()
  @MaxLength(100)
  amendedByName: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => CalendarAmendmentsData)
  held: CalendarAmendmentsData;

  /** The version of the city's calendar after the amendment (a node on a newer release may name a newer one). */
  @IsString()
  @MaxLength(500)
  calendarVersion: string;
}

/** The city amends the working calendar; every other node applies it (read from the catalog topic, written by the city alone). */
export const CalendarAmendedEvent = defineEvent({
  type: 'calendar.amended',
  schemaVersion: 1,
  payload: CalendarAmendedPayload,
  senders: ['city'],
  receivers: ['county', 'township'],
  channel: 'catalog',
});
