/** In-cluster stacks, shard 2 of 2 (stack-lifecycle.ts; jest runs the shards in parallel). */
import { describeStackLifecycles } from './stack-lifecycle';
import { stackShard } from './stack-under-test';

describeStackLifecycles('shard-2', stackShard(1, 2));
