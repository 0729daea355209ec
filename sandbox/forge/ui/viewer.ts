/** Who is looking at a host page: `?as=<person>`, remembered in a cookie, else the default person. */

export const VIEWER_COOKIE = 'lockstep_sandbox_as';

export interface PersonOption {
  accountId: string;
  displayName: string;
}

export type ViewerChoice =
  | { ok: true; person: string; remember: boolean }
  | { ok: false; asked: string };

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try { return decodeURIComponent(part.slice(eq + 1).trim()); } catch { return undefined; }
    }
  }
  return undefined;
}

const known = (people: Record<string, PersonOption>, name: string | undefined): name is string =>
  name !== undefined && Object.prototype.hasOwnProperty.call(people, name);

/** An explicit unknown `?as=` is an error; a stale cookie quietly falls back to the default person. */
export function chooseViewer(request: Request, people: Record<string, PersonOption>, defaultPerson: string): ViewerChoice {
  const asked = new URL(request.url).searchParams.get('as');
  if (asked !== null) return known(people, asked) ? { ok: true, person: asked, remember: true } : { ok: false, asked };
  const remembered = cookieValue(request, VIEWER_COOKIE);
  return { ok: true, person: known(people, remembered) ? remembered : defaultPerson, remember: false };
}

/** The Set-Cookie value that remembers a person for every host page of this origin. */
export function viewerCookie(person: string): string {
  return `${VIEWER_COOKIE}=${encodeURIComponent(person)}; Path=/; SameSite=Strict; HttpOnly`;
}
