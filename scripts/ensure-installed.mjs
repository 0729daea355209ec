// Before `npm start`: installs npm packages when they are missing or older than the lockfile, and builds the
// Custom UI when its build is missing or older than its sources. Plain JS: runs before any install.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.log('Installing npm packages (first start)...');
  // The offline Forge linter is optional: if its native keytar build fails, the sandbox still starts.
  execSync('npm install --no-audit --no-fund --loglevel=error', { stdio: 'inherit' });
}

/** Newest modification time of a file or of anything below a folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), s.mtimeMs);
}

const apps = ['settings', 'panel'];
const shared = Math.max(newest('static/shared'), newest('static/build.ts'));
const outdated = apps.filter((app) => {
  const built = join('static', app, 'build', 'index.html');
  return !existsSync(built) || statSync(built).mtimeMs < Math.max(shared, newest(join('static', app, 'src')), newest(join('static', app, 'index.html')), newest(join('static', app, 'public')));
});
if (outdated.length > 0) {
  console.log(`Building the Custom UI (${outdated.join(', ')})...`);
  execSync(`node --import tsx static/build.ts ${outdated.join(' ')}`, { stdio: 'inherit' });
}
