import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  IsTimeZone,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SETTINGS_KEY } from '../../domain/service-hours';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class SettingsKeyParams {
  @ApiProperty({ example: 'group:vip', pattern: SETTINGS_KEY.source })
  @Matches(SETTINGS_KEY, { message: 'key must be group:<name> or domain:<name>' })
  readonly key!: string;
}

export class OpeningIntervalBody {
  @ApiProperty({ example: '09:00', pattern: HH_MM.source })
  @Matches(HH_MM, { message: 'open must be HH:mm' })
  readonly open!: string;

  @ApiProperty({ example: '17:00', pattern: HH_MM.source, description: '24:00 = end of day' })
  @Matches(HH_MM, { message: 'close must be HH:mm (or 24:00)' })
  readonly close!: string;
}

const Intervals = (): PropertyDecorator => {
  const decorators = [
    ApiPropertyOptional({ type: [OpeningIntervalBody] }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(12),
    ValidateNested({ each: true }),
    Type(() => OpeningIntervalBody),
  ];
  return (target, key) => decorators.forEach((d) => d(target, key));
};

/** Per weekday; a missing day is closed. Overnight = two intervals (22:00–24:00, 00:00–02:00). */
export class WeeklyBody {
  @Intervals() readonly mon?: OpeningIntervalBody[];
  @Intervals() readonly tue?: OpeningIntervalBody[];
  @Intervals() readonly wed?: OpeningIntervalBody[];
  @Intervals() readonly thu?: OpeningIntervalBody[];
  @Intervals() readonly fri?: OpeningIntervalBody[];
  @Intervals() readonly sat?: OpeningIntervalBody[];
  @Intervals() readonly sun?: OpeningIntervalBody[];
}

export class HolidayBody {
  @ApiProperty({ example: '2026-12-25', description: 'Local date in the schedule zone' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  readonly date!: string;

  @ApiPropertyOptional({ type: [OpeningIntervalBody], description: 'Absent: closed all day' })
  @Intervals()
  readonly hours?: OpeningIntervalBody[];
}

export class BusinessHoursBody {
  @ApiProperty({ example: 'Europe/Berlin' })
  @IsString()
  @IsTimeZone()
  readonly timezone!: string;

  @ApiProperty({ type: WeeklyBody })
  @IsObject()
  @ValidateNested()
  @Type(() => WeeklyBody)
  readonly weekly!: WeeklyBody;

  @ApiProperty({ type: [HolidayBody] })
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => HolidayBody)
  readonly holidays!: HolidayBody[];
}

const Template = (example: string): PropertyDecorator => {
  const decorators = [
    ApiProperty({ type: String, nullable: true, example, maxLength: 1000 }),
    ValidateIf((_o, value) => value !== null),
    IsString(),
    MaxLength(1000),
  ];
  return (target, key) => decorators.forEach((d) => d(target, key));
};

/** Every template is required; null switches that reply off. */
export class AutoRepliesBody {
  @Template('Hello! An agent will be with you shortly.')
  readonly greeting!: string | null;

  @Template('You are number {position} in the queue.')
  readonly queueMessage!: string | null;

  @Template('We are closed. We open again {nextOpening}.')
  readonly outOfHoursMessage!: string | null;
}
