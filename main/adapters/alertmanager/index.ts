export { AlertmanagerClient, type AlertmanagerSettings, type AmResult } from './client';
export { AlertmanagerSender, type SenderStatus, MAX_BATCH, QUEUE_CAPACITY } from './sender';
export type { GettableAlert, GettableSilence, PostableSilence, AlertmanagerStatus } from './schemas';
