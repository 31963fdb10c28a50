import { describeServiceBoot } from '../../../test/scale/support/boot.suite';

describeServiceBoot('dispatcher', {}, ['Bus closed']);
