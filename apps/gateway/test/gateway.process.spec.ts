import { describeServiceBoot } from '../../../test/scale/support/boot.suite';

// The edge services are called per client event; none are needed to boot and answer /health.
describeServiceBoot('gateway', {
  GATEWAY_ID: 'gw-boot-test',
  GATEWAY_EDGE: 'http',
  IM_URL: 'http://127.0.0.1:9',
  CUSTOMER_SERVICE_URL: 'http://127.0.0.1:9',
});
