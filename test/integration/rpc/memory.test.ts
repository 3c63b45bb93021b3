import { createClient } from '../../../shared/rpc/client';
import { createMemoryTransportPair } from '../../../shared/rpc/memory-transport';
import { serve } from '../../../shared/rpc/server';
import { contractSuite } from './contract-suite';
import { testContract, testHandlers, type Probe } from './test-contract';

contractSuite('the in-memory transport pair', async () => {
  const probe: Probe = { aborted: [], started: [] };
  const { client, server } = createMemoryTransportPair();
  const stop = serve(testContract, testHandlers(probe), server);
  return { client: createClient(testContract, client), probe, close: async () => (stop(), client.close()) };
});
