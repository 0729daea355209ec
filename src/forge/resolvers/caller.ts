/**
 * Who is calling a resolver: the accountId the platform sets (@forge/resolver takes it from the invocation's
 * principal, so neither the browser's context nor the payload can name someone else). Every resolver asks first.
 */
import { z } from 'zod';
import { LockstepError } from '../../domain/errors';

const Caller = z.object({ accountId: z.string().min(1), accountType: z.string().optional() });

/**
 * The caller's accountId. Without one (an anonymous visitor) the answer is a 401 before Jira is asked
 * anything: asUser() has nobody to act for, and would otherwise fail as a 500.
 */
export function callerOf(context: unknown): string {
  const caller = Caller.safeParse(context);
  if (!caller.success || caller.data.accountType === 'anonymous') throw new LockstepError(401, 'Log in to Jira to use Lockstep.', 'unauthenticated');
  return caller.data.accountId;
}
