import { JOB_NAME_PATTERN, makeJobName, MAX_JOB_NAME_LENGTH, validateJobName } from '../jobName';

const NOW = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6));

describe('makeJobName', () => {
  it("appends the SDK's UTC timestamp to the base", () => {
    expect(makeJobName('bert-imdb', NOW)).toBe('bert-imdb-2024-01-02-03-04-05-006');
  });

  it('uses the current time by default', () => {
    const name = makeJobName('job');
    expect(name).toMatch(/^job-\d{4}(-\d{2}){5}-\d{3}$/);
  });

  it('trims the base so the whole name has at most 63 characters, as name_from_base does', () => {
    const name = makeJobName('a'.repeat(100), NOW);
    expect(name).toHaveLength(MAX_JOB_NAME_LENGTH);
    expect(name).toBe('a'.repeat(39) + '-2024-01-02-03-04-05-006');
  });

  it('makes the base valid', () => {
    expect(makeJobName('My notebook_v2.ipynb', NOW)).toBe('My-notebook-v2-ipynb-2024-01-02-03-04-05-006');
    expect(makeJobName('--_lead', NOW)).toBe('lead-2024-01-02-03-04-05-006');
    expect(makeJobName('ünïcode', NOW)).toBe('n-code-2024-01-02-03-04-05-006');
    expect(makeJobName('', NOW)).toBe('training-2024-01-02-03-04-05-006');
    expect(makeJobName('***', NOW)).toBe('training-2024-01-02-03-04-05-006');
  });

  it('does not end the cut base with a hyphen', () => {
    expect(makeJobName('a'.repeat(38) + '-b', NOW)).toBe('a'.repeat(38) + '-2024-01-02-03-04-05-006');
  });

  it('always makes names SageMaker accepts', () => {
    for (const base of ['x', 'a b c', '-'.repeat(70), 'z'.repeat(63), '日本語 model', 'ok-9']) {
      const name = makeJobName(base, NOW);
      expect(validateJobName(name)).toBeNull();
      expect(name).toMatch(JOB_NAME_PATTERN);
    }
  });
});

describe('validateJobName', () => {
  it('accepts valid names', () => {
    expect(validateJobName('a')).toBeNull();
    expect(validateJobName('my--job-1')).toBeNull();
    expect(validateJobName('x'.repeat(63))).toBeNull();
  });

  it('says what to change', () => {
    expect(validateJobName('')).toBe('Enter a job name.');
    expect(validateJobName('x'.repeat(64))).toBe(
      'A job name has at most 63 characters; this one has 64. Shorten it.'
    );
    expect(validateJobName('my_job')).toBe(
      'A job name may use only letters, digits and hyphens, and must start and end with a letter or digit. Replace "_" with a hyphen.'
    );
    expect(validateJobName('-job')).toContain('Start and end it with a letter or digit.');
    expect(validateJobName('job-')).toContain('Start and end it with a letter or digit.');
  });
});
