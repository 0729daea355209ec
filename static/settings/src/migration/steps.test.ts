import { describe, expect, it } from 'vitest';
import { orderedSteps, STEP_ORDER, STEP_TITLE, stepHelp, stepsDoneText } from './steps';

describe('migration steps', () => {
  it('lists the nine steps in order, filling in any the server left out', () => {
    const steps = orderedSteps({
      steps: [
        { key: 'reconcile', state: 'todo', detail: null, jobId: null },
        { key: 'stop', state: 'done', detail: 'Stopped by Ada', jobId: null },
      ],
    });
    expect(steps.map((s) => s.key)).toEqual([...STEP_ORDER]);
    expect(steps[0]).toEqual({ key: 'stop', state: 'done', detail: 'Stopped by Ada', jobId: null });
    expect(steps[1]).toEqual({ key: 'export-config', state: 'todo', detail: null, jobId: null });
    expect(stepsDoneText(steps)).toBe('1 of 9 steps done');
  });

  it('has a title and one sentence of help for every step', () => {
    for (const key of STEP_ORDER) {
      expect(STEP_TITLE[key]).not.toBe('');
      const help = stepHelp(key, 'DEV on beta');
      expect(help.endsWith('.')).toBe(true);
      expect(help.slice(0, -1)).not.toMatch(/\.\s/);
    }
    expect(stepHelp('pair', 'DEV on beta')).toContain('DEV on beta');
  });
});
