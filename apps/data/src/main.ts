import 'reflect-metadata';
import { runService } from '@switchboard/platform/bootstrap';
import { DATA_SERVICE } from './data.service';

runService(DATA_SERVICE);
