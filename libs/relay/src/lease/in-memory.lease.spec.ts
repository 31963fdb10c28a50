import { describeLeaseContract } from '../../test/contract/lease.contract';
import { InMemoryLease } from './in-memory.lease';
import type { Lease } from './lease.port';

// One store for every "process" of the suite; closing a view (a killed holder) closes only it.
const shared = new InMemoryLease();
describeLeaseContract('in-memory', async () => {
  let closed = false;
  const open = <T>(call: () => Promise<T>): Promise<T> =>
    closed ? Promise.reject(new Error('closed')) : call();
  const view: Lease = {
    acquire: (name, holder, ttlMs) => open(() => shared.acquire(name, holder, ttlMs)),
    renew: (grant, ttlMs) => open(() => shared.renew(grant, ttlMs)),
    release: (grant) => open(() => shared.release(grant)),
    close: async () => {
      closed = true;
    },
  };
  return view;
});
