import { InMemoryFactStore } from '../src/store/in-memory.fact-store';
import { describeFactStoreContract } from './fact-store.contract';

describeFactStoreContract('in-memory', () => Promise.resolve(new InMemoryFactStore()));
