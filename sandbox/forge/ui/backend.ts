/** What the UI host needs from the local Forge runtime; ForgeRuntime provides all of it. */
import type { Emulator } from '../../jira/emulator';
import type { AppManifest } from '../manifest';
import type { BridgeBackend } from './bridge-endpoint';

export interface UiBackend extends BridgeBackend {
  /** uiModules and resources are read from it. */
  manifest: AppManifest;
  /** The app's root: resource paths resolve against it. */
  root: string;
  /** The Forge environment the app runs in, for the context's environmentId and localId. */
  environmentId: string;
  emulator: Emulator;
  /** Sites where the app is installed; only these get host pages. */
  installed: ReadonlyArray<{ name: string }>;
}
