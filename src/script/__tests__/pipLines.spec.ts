import { translateIPython } from '../ipythonSyntax';
import { parsePipArguments } from '../pipInstall';

const installNote = (source: string) => translateIPython(source).installNotes.map(n => n.text).join('\n');

describe('pip lines with an environment prefix', () => {
  it.each([
    ['!CUDA_HOME=/usr/local/cuda pip install deepspeed --no-cache-dir', ['deepspeed'], 'CUDA_HOME=/usr/local/cuda'],
    ['!TOKENIZERS_PARALLELISM=false python -m pip install -q x', ['x'], 'TOKENIZERS_PARALLELISM=false'],
    ['!MAX_JOBS=4 DS_BUILD_OPS=1 pip3 install "flash-attn>=2"', ['flash-attn>=2'], 'MAX_JOBS=4 DS_BUILD_OPS=1'],
    ['!FORCE_CUDA=1 {sys.executable} -m pip install apex', ['apex'], 'FORCE_CUDA=1'],
    ['!HF_HUB_ENABLE_HF_TRANSFER=1 /usr/bin/python3.10 -m pip install hf_transfer', ['hf_transfer'], 'HF_HUB_ENABLE_HF_TRANSFER=1']
  ])('%s goes to requirements.txt', (line, requirements, env) => {
    const cell = translateIPython(line);
    expect(cell.requirements).toEqual(requirements);
    expect(cell.python).toBe(`# ${line}  (→ requirements.txt)`);
    expect(cell.problem).toBeNull();
    expect(cell.imports.size).toBe(0);
    const note = cell.installNotes[0].text;
    expect(note).toContain(`Not applied: ${env} (the container's pip installs requirements.txt without it`);
    expect(note).toContain("add it to the job's environment, the Environment field of the Train dialog");
  });
});

describe('pip options', () => {
  it('says which options were dropped, and why', () => {
    const note = installNote('!CUDA_HOME=/usr/local/cuda pip install deepspeed --no-cache-dir');
    expect(note).toContain("Dropped: --no-cache-dir (the container's pip has its own cache)");
    expect(installNote('!pip install -qU transformers')).toContain(
      'Dropped: -q (it only changes what pip prints); -U (requirements.txt is installed into the image as it is'
    );
    expect(installNote('%pip install --upgrade --user peft')).toMatch(
      /Dropped: --upgrade \(.*pin the one you need.*\); --user \(the container's pip installs into the job's own Python\)$/
    );
    expect(installNote('!pip install --no-deps --no-build-isolation flash-attn')).toContain(
      'Dropped: --no-deps (requirements.txt cannot say it, so dependencies are installed too); ' +
        '--no-build-isolation (requirements.txt cannot carry it)'
    );
    expect(installNote('!pip install evaluate')).toBe('!pip install evaluate → requirements.txt: evaluate');
  });

  it('keeps the options requirements.txt can carry, where the command had them', () => {
    expect(
      translateIPython(
        '!pip install torch --index-url https://download.pytorch.org/whl/cu121 --extra-index-url=https://x/simple ' +
          '-f https://data.pyg.org/whl/torch-2.3.0.html --trusted-host x --pre --prefer-binary ' +
          '--no-binary :all: --only-binary tokenizers'
      ).requirements
    ).toEqual([
      'torch',
      '--index-url https://download.pytorch.org/whl/cu121',
      '--extra-index-url https://x/simple',
      '--find-links https://data.pyg.org/whl/torch-2.3.0.html',
      '--trusted-host x',
      '--pre',
      '--prefer-binary',
      '--no-binary :all:',
      '--only-binary tokenizers'
    ]);
  });

  it('writes per-requirement options after each requirement', () => {
    expect(parsePipArguments('install -C editable_mode=compat a b --config-settings=x=1')).toEqual({
      kind: 'install',
      requirements: ['a --config-settings editable_mode=compat --config-settings x=1', 'b --config-settings editable_mode=compat --config-settings x=1']
    });
    expect(parsePipArguments('install six==1.16.0 --hash=sha256:abc --hash sha256:def')).toEqual({
      kind: 'install',
      requirements: ['six==1.16.0 --hash=sha256:abc --hash=sha256:def']
    });
  });

  it('keeps -e and -r when they name a URL', () => {
    expect(parsePipArguments('install -e git+https://github.com/org/repo.git#egg=repo')).toEqual({
      kind: 'install',
      requirements: ['-e git+https://github.com/org/repo.git#egg=repo']
    });
    expect(parsePipArguments('install -r https://example.org/requirements.txt').kind).toBe('install');
    expect(parsePipArguments('install -r requirements.txt').kind).toBe('problem');
  });
});

describe('pip lines with more than one command', () => {
  it('takes every pip install of a chain', () => {
    const cell = translateIPython('!pip install -q datasets && pip install evaluate; python -m pip install rouge_score');
    expect(cell.requirements).toEqual(['datasets', 'evaluate', 'rouge_score']);
  });

  it('says which other commands the job will not run', () => {
    const cell = translateIPython('!pip install gdown && gdown 1AbC -O data.zip');
    expect(cell.requirements).toEqual(['gdown']);
    expect(cell.installNotes[0].text).toContain(
      'Not run: gdown 1AbC -O data.zip (only the pip install of this line is carried over; put any other command'
    );
  });

  it('ignores where the output goes', () => {
    const cell = translateIPython('!pip install accelerate 2>&1 > /dev/null');
    expect(cell.requirements).toEqual(['accelerate']);
    expect(cell.installNotes[0].text).toBe('!pip install accelerate 2>&1 > /dev/null → requirements.txt: accelerate');
  });

  it('reads uv pip too', () => {
    const cell = translateIPython('!uv pip install --system "trl==0.9.6"');
    expect(cell.requirements).toEqual(['trl==0.9.6']);
    expect(cell.installNotes[0].text).toContain("Dropped: --system (the container's pip installs into the job's own Python)");
  });
});

describe('pip installs from this machine', () => {
  it.each(['.', './my_pkg', '/tmp/wheels/tok-0.1-py3-none-any.whl', 'dist/lib-1.0.tar.gz', 'file:///opt/x', 'src/pkg[extra]'])(
    '%s cannot go to requirements.txt',
    path => {
      const cell = translateIPython(`!pip install ${path}`);
      expect(cell.requirements).toEqual([]);
      expect(cell.installProblem?.text).toContain(`pip install ${path} installs from a path the training job does not have`);
    }
  );

  it.each(['"tok @ https://example.org/tok-0.1-py3-none-any.whl"', 'https://example.org/a.tar.gz', 'git+https://github.com/org/r.git', "'numpy<2.0'"])(
    '%s can',
    requirement => {
      expect(translateIPython(`!pip install ${requirement}`).installProblem).toBeNull();
    }
  );
});
