/** The manifest's Custom UI resources must exist before @forge/manifest validates them: build the UI once. */
import { buildUi } from '../../static/build';

export default async function setup(): Promise<void> {
  // `npm test` has just built it (and says so); a bare `vitest run` builds it here.
  if (process.env['LOCKSTEP_UI_BUILT'] === '1') return;
  await buildUi();
}
