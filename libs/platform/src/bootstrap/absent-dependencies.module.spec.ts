import { Test } from '@nestjs/testing';
import { BUS } from '@switchboard/bus';
import { EVENT_STORE } from '@switchboard/event-store';
import { describe, expect, it } from 'vitest';
import { AbsentDependenciesModule, type AbsentDependency } from './absent-dependencies.module';

describe('AbsentDependenciesModule', () => {
  it('stands in only for what it is asked to, answering ping and close', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AbsentDependenciesModule.forRoot({ eventStore: true })],
    }).compile();
    const store = moduleRef.get<AbsentDependency>(EVENT_STORE);
    expect(store.absent).toBe(true);
    await expect(store.ping()).resolves.toBeUndefined();
    await expect(store.close()).resolves.toBeUndefined();
    expect(() => moduleRef.get(BUS)).toThrow();
    // Anything else is a wiring mistake and fails loudly.
    expect((store as unknown as Record<string, unknown>).appendToStream).toBeUndefined();
    await moduleRef.close();
  });

  it('provides both for a gateway', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AbsentDependenciesModule.forRoot({ eventStore: true, bus: true })],
    }).compile();
    expect(moduleRef.get<AbsentDependency>(BUS).absent).toBe(true);
    expect(moduleRef.get<AbsentDependency>(EVENT_STORE).absent).toBe(true);
    await moduleRef.close();
  });
});
