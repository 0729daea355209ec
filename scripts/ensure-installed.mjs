// Before `npm start`: installs npm packages when they are missing or older than the lockfile. Plain JS: runs before any install.
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.log('Installing npm packages (first start)...');
  // The offline Forge linter is optional: if its native keytar build fails, the sandbox still starts.
  execSync('npm install --no-audit --no-fund --loglevel=error', { stdio: 'inherit' });
}
