import 'reflect-metadata';
import { runService } from '@switchboard/platform/bootstrap';
import { CUSTOMER_SERVICE } from './customer-service.service';

runService(CUSTOMER_SERVICE);
