import { translateIPython } from '../ipythonSyntax';
import { parsePipArguments, shellWords } from '../pipInstall';

const python = (source: string) => translateIPython(source).python;

describe('translateIPython', () => {
  it('leaves plain Python alone', () => {
    const source = 'import os\n\nx = 10 % 3\nprint("done?")  # really?\n';
    const cell = translateIPython(source);
    expect(cell.python).toBe(source);
    expect(cell.notes).toEqual([]);
    expect(cell.problem).toBeNull();
  });

  it.each([
    ['%matplotlib inline', '# %matplotlib inline  (notebook only)'],
    ['%load_ext autoreload', '# %load_ext autoreload  (notebook only)'],
    ['%autoreload 2', '# %autoreload 2  (notebook only)'],
    ["%config InlineBackend.figure_format = 'retina'", "# %config InlineBackend.figure_format = 'retina'  (notebook only)"],
    ['%time model.fit(x)', 'model.fit(x)'],
    ['%timeit -n 3 -r1 total = sum(xs)', 'total = sum(xs)'],
    ['%env TOKENIZERS_PARALLELISM=false', "os.environ['TOKENIZERS_PARALLELISM'] = 'false'"],
    ['%env HF_HOME /tmp/hf cache', "os.environ['HF_HOME'] = '/tmp/hf cache'"],
    ['%env', '# %env  (notebook only)'],
    ['!ls -la data', "subprocess.run('ls -la data', shell=True, check=True)"],
    ["!echo \"it's\" {name} $HOME", "subprocess.run(f'echo \"it\\'s\" {name} $HOME', shell=True, check=True)"],
    ["!awk '{print $1}' file", "subprocess.run(\"awk '{print $1}' file\", shell=True, check=True)"],
    ['%pip list', '# %pip list  (notebook only)'],
    ['%pip install -q torch', '# %pip install -q torch  (→ requirements.txt)']
  ])('translates %s', (line, expected) => {
    expect(python(line)).toBe(expected);
  });

  it('keeps indentation and the line count', () => {
    const source = 'if True:\n    %time run()\n    !echo hi\n    %matplotlib inline\nx = 1';
    const lines = python(source).split('\n');
    expect(lines).toEqual([
      'if True:',
      '    run()',
      "    subprocess.run('echo hi', shell=True, check=True)",
      '    # %matplotlib inline  (notebook only)',
      'x = 1'
    ]);
  });

  it('drops %%time and %%capture but keeps the body', () => {
    const cell = translateIPython('%%capture\n%pip install datasets\nimport datasets');
    expect(cell.python).toBe(
      '# %%capture\n# %pip install datasets  (→ requirements.txt)\nimport datasets'
    );
    expect(cell.requirements).toEqual(['datasets']);
    expect(cell.notes).toEqual([{ line: 1, text: '%%capture dropped (the cell\'s code is kept)' }]);
    expect(python('%%time\nx = 1')).toBe('# %%time\nx = 1');
  });

  it('joins backslash-continued magic lines', () => {
    const cell = translateIPython('%pip install transformers \\\n    datasets\nx = 1');
    expect(cell.requirements).toEqual(['transformers', 'datasets']);
    expect(cell.python.split('\n')).toHaveLength(3);
    expect(cell.python.split('\n')[2]).toBe('x = 1');
  });

  it('records the modules the translations need', () => {
    expect([...translateIPython('!ls\n%env A=1').imports].sort()).toEqual(['os', 'subprocess']);
  });

  it('collects pip installs in every spelling', () => {
    const cell = translateIPython(
      [
        '%pip install -U "transformers[torch]>=4.40" datasets==2.19.0',
        '!pip install --quiet evaluate',
        '!{sys.executable} -m pip install scikit-learn',
        '!python -m pip install accelerate > /dev/null 2>&1',
        'pip install sentencepiece',
        '!pip3 install --extra-index-url https://example.org/simple peft'
      ].join('\n')
    );
    expect(cell.requirements).toEqual([
      'transformers[torch]>=4.40',
      'datasets==2.19.0',
      'evaluate',
      'scikit-learn',
      'accelerate',
      'sentencepiece',
      '--extra-index-url https://example.org/simple',
      'peft'
    ]);
    expect(cell.installNotes.map(n => n.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cell.problem).toBeNull();
  });

  it('does not read IPython syntax inside strings, comments or brackets', () => {
    const source = [
      'doc = """',
      '!not a shell command',
      '%not a magic',
      'why?',
      '"""',
      'text = ("a %s"',
      '        % value)',
      'total = 10 \\',
      '    % 3',
      '# what?'
    ].join('\n');
    const cell = translateIPython(source);
    expect(cell.python).toBe(source);
    expect(cell.problem).toBeNull();
  });

  it.each([
    ['a string with a prefix over lines', "x = rb'''\n!not shell\n'''\n!ls", 4],
    ['an escaped quote', "s = 'it\\'s'\n!ls", 2],
    ['a raw string ending in an escaped quote', "s = r'\\''\n!ls", 2],
    ['a string continued by a backslash', "s = 'a\\\n!b'\n!ls", 3],
    ['a triple quote inside a one-line string', 'q = "\'\'\'"\n!ls', 2],
    ['a backslash at the end of a comment', '# see \\\n!ls', 2],
    ['brackets closed on their own line', 'x = (1,\n     2)\n!ls', 3],
    ['a magic that leaves brackets open', '%time y = f(1,\n  2)\n!ls', 3]
  ])('finds IPython syntax after %s', (_, source, line) => {
    const lines = python(source).split('\n');
    expect(lines).toHaveLength(source.split('\n').length);
    const shellLines = lines.map((text, i) => (text.startsWith('subprocess.run') ? i + 1 : 0));
    expect(shellLines.filter(Boolean)).toEqual([line]);
  });

  it.each([
    ['an f-string', 'x = f"""{a}\n!no\n"""'],
    ['a bytes string', "x = b'''\n!no\n'''"],
    ['a list opened earlier', 'x = [\n  1,\n!no]'],
    ['a help mark in a string that spans lines', 'x = """why?\n"""']
  ])('finds none inside %s', (_, source) => {
    const cell = translateIPython(source);
    expect(cell.python).toBe(source);
    expect(cell.problem).toBeNull();
  });

  it('reads a cell of 1000 shell lines in one pass', () => {
    const source = Array.from({ length: 1000 }, (_, i) => `!echo line ${i} >> log.txt`).join('\n');
    const started = performance.now();
    const cell = translateIPython(source);
    const elapsed = performance.now() - started;
    expect(cell.python.split('\n')).toHaveLength(1000);
    expect(cell.notes).toHaveLength(1000);
    expect(elapsed).toBeLessThan(500); // parsing every line's prefix again took seconds
  });

  it.each([
    ['%%bash\necho hi', 1, '%%bash runs the cell as something other than Python'],
    ['x = 1\n%%time\ny = 2', 2, '%%time is notebook-only syntax'],
    ['%run other.ipynb', 1, '%run is notebook-only syntax'],
    ['x = 1\n%store x', 2, '%store is notebook-only syntax'],
    ['%load_ext tensorboard', 1, '%load_ext is notebook-only syntax'],
    ['files = !ls', 1, "keeps a command's output in a variable"],
    ['out = %sx ls', 1, "keeps a command's output in a variable"],
    ['model?', 1, 'asks the notebook for help'],
    ['x = 1\nmodel.fit??', 2, 'asks the notebook for help'],
    ['?print', 1, 'asks the notebook for help'],
    ['%conda install numpy', 1, 'Use %pip install instead'],
    ['%pip install -r requirements.txt', 1, 'Add requirements.txt to the job\'s source files'],
    ['!pip install -e .', 1, 'installs from a file the training job does not have'],
    ['%pip uninstall -y torch', 1, 'pip uninstall changes the notebook'],
    ['!pip install {package}', 1, 'uses a notebook variable']
  ])('reports %j at line %i', (source, line, message) => {
    const cell = translateIPython(source);
    expect(cell.problem?.line).toBe(line);
    expect(cell.problem?.text).toContain(message);
  });

  it('gives a cell in another language no Python at all', () => {
    const cell = translateIPython('%%bash\nfor f in *; do echo $f; done');
    expect(cell.opaque).toBe(true);
    expect(cell.python.trim()).toBe('');
  });
});

describe('parsePipArguments', () => {
  it('keeps specifiers and index options, drops the rest', () => {
    expect(
      parsePipArguments(
        "install -q --upgrade --no-cache-dir --target /tmp/x 'torch==2.3.*' -i https://pypi.example/simple --pre numpy"
      )
    ).toEqual({
      kind: 'install',
      requirements: ['torch==2.3.*', '--index-url https://pypi.example/simple', '--pre', 'numpy']
    });
  });

  it('takes global options before the subcommand', () => {
    expect(parsePipArguments('-q install scipy')).toEqual({ kind: 'install', requirements: ['scipy'] });
  });

  it('reads --option=value and attached short options', () => {
    expect(parsePipArguments('install --index-url=https://x/simple a').kind).toBe('install');
    expect(parsePipArguments('install -rreqs.txt').kind).toBe('problem');
  });
});

describe('shellWords', () => {
  it('splits like a shell and stops at redirections and pipes', () => {
    expect(shellWords(`a "b c" 'd' e>f`)).toEqual(['a', 'b c', 'd', 'e']);
    expect(shellWords('x 2>&1')).toEqual(['x']);
    expect(shellWords('x | tail -1')).toEqual(['x']);
  });
});
