import 'reflect-metadata';
import { runService } from '@switchboard/platform/bootstrap';
import { IM_SERVICE } from './im.service';

runService(IM_SERVICE);
