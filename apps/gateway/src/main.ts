import 'reflect-metadata';
import { runService } from '@switchboard/platform/bootstrap';
import { GATEWAY_SERVICE } from './gateway.service';

runService(GATEWAY_SERVICE);
