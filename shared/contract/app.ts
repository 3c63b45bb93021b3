import { z } from 'zod';
import { procedure } from '../rpc/define';
import { empty } from './common';

export const appInfoSchema = z.object({
  name: z.literal('vigie'),
  version: z.string(),
  mode: z.enum(['electron', 'web', 'cli', 'test']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appContract = {
  'app.info': procedure(empty, appInfoSchema),
};
