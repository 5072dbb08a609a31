import { definesModelFn, findInferenceScripts, isInferenceScript } from '../inferenceScripts';

/** The contents API over a folder of files, as the Jupyter server answers it. */
function folder(files: Record<string, string>) {
  return {
    get: async (path: string, options: { type?: string }) => {
      if (options.type === 'directory') {
        return {
          content: Object.keys(files).map(name => ({
            name,
            path: `work/${name}`,
            type: name.includes('.') ? 'file' : 'directory',
            size: files[name].length
          }))
        };
      }
      return { content: files[path.slice('work/'.length)] };
    }
  } as never;
}

describe('inference scripts for the deploy dialog', () => {
  it('knows a model_fn at the top level, not in a comment or nested', () => {
    expect(definesModelFn('import joblib\n\ndef model_fn(model_dir):\n    return 1\n')).toBe(true);
    expect(definesModelFn('# def model_fn(model_dir):\n')).toBe(false);
    expect(definesModelFn('class A:\n    def model_fn(self):\n        pass\n')).toBe(false);
    expect(isInferenceScript('def input_handler(data, context):\n    return data\n')).toBe(true);
    expect(isInferenceScript('def output_handler(data, context):\n    return data\n')).toBe(true);
    expect(isInferenceScript('def handler(data):\n    return data\n')).toBe(false);
  });

  it('offers the cells and the .py files next to the notebook that define model_fn', async () => {
    const contents = folder({
      'serve.py': 'def model_fn(model_dir):\n    return None\n',
      'utils.py': 'def helper():\n    pass\n',
      'data': ''
    });
    const cells = [
      { index: 0, source: 'import os' },
      { index: 6, source: 'def model_fn(model_dir):\n    import joblib\n    return joblib.load(model_dir)\n' }
    ];
    const found = await findInferenceScripts(contents, 'work/reviews.ipynb', cells);
    expect(found.map(choice => choice.label)).toEqual(['cell 7', 'serve.py']);
    expect(found.every(choice => choice.file.path === 'inference.py')).toBe(true);
    expect(found[1].file.content).toBe('def model_fn(model_dir):\n    return None\n');
  });
});
