/** Queue messages between Lockstep's own functions: a versioned envelope, parsed before anything acts on it. */
import { z } from 'zod';

export const QueueEnvelope = z.object({
  v: z.literal(1),
  type: z.string().min(1),
  connectionId: z.string().min(1),
  messageId: z.string().min(1),
});
export type QueueEnvelope = z.infer<typeof QueueEnvelope>;
