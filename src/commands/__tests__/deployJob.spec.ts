import { makeJob } from '../../jobs/__tests__/fakes';
import { proposedTask } from '../deployJob';

describe('the deploy command’s proposal', () => {
  const bert = makeJob({ name: 'bert-2', target: 'sagemaker', framework: 'huggingface', status: 'Completed' });
  const proposal = { task: 'question-answering', architecture: 'BertForQuestionAnswering' };

  it('asks only for a Hugging Face job', async () => {
    const propose = jest.fn(async () => proposal);
    expect(await proposedTask(bert, propose)).toEqual(proposal);
    expect(await proposedTask({ ...bert, framework: 'sklearn' }, propose)).toBeUndefined();
    expect(propose).toHaveBeenCalledTimes(1);
    expect(await proposedTask(bert, undefined)).toBeUndefined();
  });

  it('opens with the default when the proposal fails or is slow', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await proposedTask(bert, async () => Promise.reject(new Error('S3 is down')))).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('sagemaker-nlp: no task proposed for bert-2', expect.any(Error));
    warn.mockRestore();
    jest.useFakeTimers();
    try {
      const waiting = proposedTask(bert, () => new Promise(() => undefined));
      jest.advanceTimersByTime(5000);
      expect(await waiting).toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });
});
