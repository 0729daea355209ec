/** The Custom UI host on two fresh emulated sites (alpha and beta installed), with one SUP issue made by Ada: what the UI browser tests open pages on. */
import { ForgeRuntime } from '../../sandbox/forge/runtime';
import { serveForge, type RunningForgeServer } from '../../sandbox/forge/server';
import { createUiHost } from '../../sandbox/forge/ui/host';
import { serveEmulator, type RunningServer } from '../../sandbox/jira/server';
import { PEOPLE } from '../../sandbox/jira/sites';
import { doc, restClient, sandboxEmulator } from './jira';

export interface UiHost {
  runtime: ForgeRuntime;
  jira: RunningServer;
  forge: RunningForgeServer;
  /** Key of the SUP issue made at start. */
  issueKey: string;
  close(): Promise<void>;
}

export async function startUiHost(root: string, issue: { summary: string; description: string }, log: (line: string) => void = () => undefined): Promise<UiHost> {
  const emulator = sandboxEmulator();
  const runtime = await ForgeRuntime.start({ emulator, root, log });
  runtime.install('alpha');
  runtime.install('beta');
  const jira = await serveEmulator(emulator);
  const forge = await serveForge(runtime, { handlers: [createUiHost(runtime, { people: PEOPLE, defaultPerson: 'ada' })] });
  const ada = restClient((request) => fetch(request), `${jira.origin}/alpha`);
  const created = await ada('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: issue.summary, description: doc(issue.description) } });
  if (created.status !== 201) throw new Error(`Could not create the test issue: HTTP ${created.status}`);
  return {
    runtime, jira, forge, issueKey: created.body.key,
    close: async () => {
      await forge.close();
      await jira.close();
      await runtime.close();
    },
  };
}
