import { describe, expect, it } from 'vitest';
import { shortestPath, type WorkflowTransition } from './transitions';

const t = (id: string, from: string[], to: string): WorkflowTransition => ({ id, from, to });

/** DEV's workflow in the sandbox: To Do → In Progress → In Review → Done, with a way back. */
const dev = [
  t('11', ['todo'], 'progress'),
  t('21', ['progress'], 'review'),
  t('31', ['review'], 'done'),
  t('41', ['review'], 'progress'),
  t('51', ['done'], 'todo'),
];

describe('shortestPath', () => {
  it('is empty when the issue is already in the target status', () => {
    expect(shortestPath(dev, 'review', 'review')).toEqual([]);
    expect(shortestPath([], 'todo', 'todo')).toEqual([]);
  });

  it('takes a direct transition in one step', () => {
    expect(shortestPath(dev, 'todo', 'progress')).toEqual(['11']);
  });

  it('walks several transitions, in order', () => {
    expect(shortestPath(dev, 'todo', 'done')).toEqual(['11', '21', '31']);
    expect(shortestPath(dev, 'done', 'review')).toEqual(['51', '11', '21']);
  });

  it('uses a global transition from any status', () => {
    const withGlobal = [...dev, t('99', [], 'done')];
    expect(shortestPath(withGlobal, 'progress', 'done')).toEqual(['99']);
    // A global transition can also be one step of a longer walk.
    expect(shortestPath([t('99', [], 'todo'), t('11', ['todo'], 'progress')], 'review', 'progress')).toEqual(['99', '11']);
  });

  it('answers undefined when the target cannot be reached', () => {
    expect(shortestPath(dev, 'todo', 'archived')).toBeUndefined();
    expect(shortestPath([t('1', ['a'], 'b')], 'b', 'a')).toBeUndefined();
    expect(shortestPath([], 'a', 'b')).toBeUndefined();
  });

  it('prefers the fewest steps over the order transitions are listed in', () => {
    const long = [t('1', ['a'], 'b'), t('2', ['b'], 'c'), t('3', ['c'], 'd'), t('4', ['a'], 'd')];
    expect(shortestPath(long, 'a', 'd')).toEqual(['4']);
    const twoRoutes = [t('1', ['a'], 'x'), t('2', ['x'], 'y'), t('3', ['y'], 'z'), t('4', ['a'], 'w'), t('5', ['w'], 'z')];
    expect(shortestPath(twoRoutes, 'a', 'z')).toEqual(['4', '5']);
  });

  it('follows a transition listed with several source statuses', () => {
    expect(shortestPath([t('7', ['x', 'review', 'y'], 'done')], 'review', 'done')).toEqual(['7']);
  });

  it('ends on workflows full of cycles and self-loops', () => {
    const cyclic = [t('1', ['a'], 'b'), t('2', ['b'], 'a'), t('3', ['b'], 'b'), t('4', ['a'], 'a'), t('5', [], 'a')];
    expect(shortestPath(cyclic, 'a', 'c')).toBeUndefined();
    expect(shortestPath(cyclic, 'b', 'a')).toEqual(['2']);
  });
});
