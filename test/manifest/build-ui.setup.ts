/** The manifest's Custom UI resources must exist before @forge/manifest validates them: build the UI once. */
import { buildUi } from '../../static/build';

export default async function setup(): Promise<void> {
  await buildUi();
}
