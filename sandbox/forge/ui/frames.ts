/**
 * Frame sessions: each Custom UI iframe a host page renders gets an unguessable token bound to who is
 * looking at what. The bridge endpoint trusts only this binding, never what the browser sends.
 */
import { randomBytes } from 'node:crypto';
import type { UiModuleType } from '../manifest';
import type { ForgeContext } from './context';

/** What a frame token stands for; fixed when the host page renders. */
export interface FrameSession {
  readonly token: string;
  readonly site: string;
  readonly moduleKey: string;
  readonly moduleType: UiModuleType;
  /** The viewing user; the only accountId resolvers and requestJira ever act as. */
  readonly accountId: string;
  /** The resource's folder, absolute. */
  readonly resourceDir: string;
  /** The context getContext answers and invoke passes to the resolver. */
  readonly context: ForgeContext;
}

/** Tokens are 256 random bits in base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Keeps the newest sessions of this process; a page left open longer than `limit` renders ago must be reloaded. */
export class FrameSessions {
  private readonly sessions = new Map<string, FrameSession>();

  constructor(private readonly limit = 10_000) {}

  /** Mints a token for a new frame and remembers its session. */
  open(session: Omit<FrameSession, 'token'>): FrameSession {
    const token = randomBytes(32).toString('base64url');
    const full: FrameSession = { ...session, token };
    this.sessions.set(token, full);
    // Map keeps insertion order, so the first key is the oldest session.
    while (this.sessions.size > this.limit) this.sessions.delete(this.sessions.keys().next().value as string);
    return full;
  }

  /** The session behind a token, or undefined for anything not minted by this process. */
  get(token: string): FrameSession | undefined {
    return TOKEN_PATTERN.test(token) ? this.sessions.get(token) : undefined;
  }

  get size(): number {
    return this.sessions.size;
  }
}
