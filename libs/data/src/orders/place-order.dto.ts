import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** Order ids come from other systems: printable, no spaces, so they make a clean stream name. */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/#-]*$/;
/** The user-id alphabet of the rest of the API, so an order joins its customer's consultations. */
export const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9._:@-]+$/;
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** Body of `POST /v1/integrations/orders`. */
export class PlaceOrderBody {
  @ApiProperty({ example: 'ord-10042', maxLength: 200, pattern: ORDER_ID_PATTERN.source })
  @IsString()
  @Length(1, 200)
  @Matches(ORDER_ID_PATTERN, {
    message: 'orderId must start with a letter or digit and hold letters, digits and . _ : / # -',
  })
  readonly orderId!: string;

  @ApiProperty({ example: 'customer-7', maxLength: 128, pattern: CUSTOMER_ID_PATTERN.source })
  @IsString()
  @Length(1, 128)
  @Matches(CUSTOMER_ID_PATTERN, {
    message: 'customerId must hold letters, digits and . _ : @ -',
  })
  readonly customerId!: string;

  @ApiPropertyOptional({
    example: 'travel',
    maxLength: 64,
    nullable: true,
    description: 'The business domain; absent or null when the order has none',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  readonly domain?: string | null;

  @ApiProperty({ example: 12999, minimum: 0, description: "In the currency's minor unit" })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  readonly amountMinor!: number;

  @ApiProperty({ example: 'EUR', pattern: CURRENCY_PATTERN.source })
  @IsString()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code in upper case' })
  readonly currency!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the order was placed, with a zone offset; default: when it is received',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/, {
    message: 'placedAt must be a date-time with a zone offset (e.g. 2026-12-04T10:00:00Z)',
  })
  readonly placedAt?: string;
}

/** An order as stored and published. */
export class OrderView {
  @ApiProperty() readonly orderId!: string;
  @ApiProperty() readonly customerId!: string;
  @ApiProperty({ type: String, nullable: true }) readonly domain!: string | null;
  @ApiProperty() readonly amountMinor!: number;
  @ApiProperty() readonly currency!: string;
  @ApiProperty({ format: 'date-time' }) readonly placedAt!: string;
}
