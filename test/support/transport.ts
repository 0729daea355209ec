/** A JiraTransport backed by the emulator with a bearer token, as Forge's asUser()/asApp() are backed by Jira. */
import type { Emulator } from '../../sandbox/jira/emulator';
import type { JiraTransport } from '../../src/ports/jira';

export function emulatorTransport(emulator: Emulator, siteName: string, accountId: string): JiraTransport {
  const token = emulator.issueToken(siteName, accountId);
  const base = emulator.site(siteName).baseUrl;
  return {
    requestJira: (r, init) => emulator.fetch(new Request(`${base}${r.value}`, {
      method: init?.method ?? 'GET',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}), ...init?.headers },
      ...(init?.body !== undefined ? { body: init.body } : {}),
    })),
  };
}
