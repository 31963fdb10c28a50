import 'reflect-metadata';
import { runService } from '@switchboard/platform/bootstrap';
import { DISPATCHER_SERVICE } from './dispatcher.service';

runService(DISPATCHER_SERVICE);
