import { ApiProperty } from '@nestjs/swagger';
import {
  type AutoReplyTemplates,
  type BusinessHours,
  type ServiceSettingsState,
} from '../../domain/service-hours';
import { AutoRepliesBody, BusinessHoursBody } from './service-settings.dto';

export class ServiceSettingsView {
  @ApiProperty({ example: 'group:vip' })
  readonly key!: string;

  @ApiProperty({ type: BusinessHoursBody, nullable: true })
  readonly businessHours!: BusinessHours | null;

  @ApiProperty({ type: AutoRepliesBody, nullable: true })
  readonly autoReplies!: AutoReplyTemplates | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly updatedAt!: string | null;
}

export function toServiceSettingsView(
  key: string,
  state: ServiceSettingsState,
): ServiceSettingsView {
  return {
    key,
    businessHours: state.hours,
    autoReplies: state.templates,
    updatedAt: state.updatedAt,
  };
}
