import { expect, it } from 'vitest';
import { claimStoreContract } from '../contracts/claims.contract';
import { MemoryClaims } from './claims';

claimStoreContract('MemoryClaims', async () => ({ store: new MemoryClaims(), within: (fn) => fn() }));

it('sweeps lapsed claims, so the store does not grow with old signatures', async () => {
  const store = new MemoryClaims();
  for (let i = 0; i < 100; i++) await store.claim(`replay:c1:${i}`, 1_000 + i, 0);
  expect(store.size).toBe(100);
  await store.claim('replay:c1:late', 10_000, 2_000);
  expect(store.size).toBe(1);
});
