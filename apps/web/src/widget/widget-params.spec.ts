import { describe, expect, it } from 'vitest';
import { readWidgetParams } from './widget-params';

describe('readWidgetParams (the embed query string)', () => {
  it('reads domain, group, title and the dev customer id', () => {
    expect(readWidgetParams('?domain=travel&group=vip&title=Help%20desk&customer=c-1')).toEqual({
      domain: 'travel',
      group: 'vip',
      title: 'Help desk',
      customer: 'c-1',
    });
  });

  it('falls back to the general domain and drops names the server would refuse', () => {
    expect(readWidgetParams('?domain=a%20b&group=../x&customer=')).toEqual({
      domain: 'general',
      title: 'Customer service',
    });
  });
});
